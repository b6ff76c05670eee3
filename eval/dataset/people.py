"""Fictional customers: names in many scripts, and PII that is realistic in shape but belongs to
nobody (card-network test numbers, 555-01xx phones, reserved example domains).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Latin-script names; non-ASCII names and scripts carry a short phrase book for customer messages.
ASCII_NAMES = (
    "Maria Lopez",
    "James Carter",
    "Aisha Bello",
    "Tom Becker",
    "Priya Raman",
    "Daniel Kim",
    "Grace Okafor",
    "Kevin O'Brien",
    "Linda Nguyen",
    "Robert Hughes",
    "Fatima Khan",
    "Sam Patel",
    "Olivia Brooks",
    "Marcus Reed",
    "Hannah Schmidt",
    "Carlos Rivera",
    "Emily Walsh",
    "Derek Mensah",
    "Rachel Stein",
    "Victor Alvarez",
    "Nina Petrova",
    "Chloe Martin",
    "Andre Dubois",
    "Megan Foster",
    "Luis Ortega",
    "Yusuf Adeyemi",
)


@dataclass(frozen=True)
class Speaker:
    """A customer whose name or messages are in a non-ASCII script."""

    name: str
    language: str
    bill: str
    broken: str
    callback: str


NON_ASCII_SPEAKERS = (
    Speaker(
        "Zoë Müller",
        "German",
        "Warum ist meine Rechnung für März so hoch?",
        "Das Internet fällt ständig aus.",
        "Bitte rufen Sie mich zurück.",
    ),
    Speaker(
        "José Ñúñez",
        "Spanish",
        "¿Por qué me cobraron dos veces este mes?",
        "El módem no funciona desde ayer.",
        "Por favor, llámenme mañana.",
    ),
    Speaker(
        "王伟", "Chinese", "我的账单为什么多收了钱？", "网络从昨天开始一直断线。", "请给我回电话。"
    ),
    Speaker(
        "Пётр Иванов",
        "Russian",
        "Почему в счёте лишнее списание?",
        "Интернет не работает с утра.",
        "Перезвоните мне, пожалуйста.",
    ),
    Speaker(
        "محمد العلي",
        "Arabic",
        "لماذا الفاتورة أعلى من المعتاد؟",
        "الإنترنت مقطوع منذ أمس.",
        "أرجو الاتصال بي.",
    ),
    Speaker(
        "Nguyễn Thị Hương",
        "Vietnamese",
        "Sao hóa đơn tháng này cao vậy?",
        "Mạng bị mất kết nối liên tục.",
        "Vui lòng gọi lại cho tôi.",
    ),
    Speaker(
        "김민준",
        "Korean",
        "이번 달 요금이 왜 이렇게 많이 나왔나요?",
        "인터넷이 계속 끊겨요.",
        "다시 전화 주세요.",
    ),
    Speaker(
        "Łukasz Wiśniewski",
        "Polish",
        "Dlaczego rachunek jest wyższy niż zwykle?",
        "Internet ciągle się rozłącza.",
        "Proszę o telefon zwrotny.",
    ),
    Speaker(
        "Ayşe Yılmaz",
        "Turkish",
        "Faturam neden bu kadar yüksek?",
        "İnternet sürekli kesiliyor.",
        "Lütfen beni geri arayın.",
    ),
    Speaker(
        "Δημήτρης Παπαδόπουλος",
        "Greek",
        "Γιατί ο λογαριασμός είναι τόσο υψηλός;",
        "Το ίντερνετ κόβεται συνέχεια.",
        "Παρακαλώ καλέστε με.",
    ),
    Speaker(
        "François Lefèvre",
        "French",
        "Pourquoi ma facture est-elle si élevée ?",
        "Internet coupe sans arrêt.",
        "Merci de me rappeler dès que possible.",
    ),
    Speaker(
        "田中さくら",
        "Japanese",
        "今月の請求額が高いのはなぜですか？",
        "ネットが何度も切れます。",
        "折り返し電話をお願いします。",
    ),
)

# Test card numbers published by card networks, fictional 555-01xx phones, reserved domains:
# the PII is realistic in shape and belongs to nobody.
TEST_CARDS = (
    "4111 1111 1111 1111",
    "5555 5555 5555 4444",
    "4012 8888 8888 1881",
    "3782 822463 10005",
)
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")


@dataclass
class Customer:
    """Who the history is about; `speaker` is set for non-ASCII customers."""

    name: str
    phone: str
    email: str
    card: str
    speaker: Speaker | None = None


def make_customer(rng: random.Random, *, non_ascii: bool) -> Customer:
    """A customer with a fictional phone, email and test card number."""
    speaker = rng.choice(NON_ASCII_SPEAKERS) if non_ascii else None
    name = speaker.name if speaker else rng.choice(ASCII_NAMES)
    handle = rng.choice(("", "x", "99", "_home", "2024")) + str(rng.randint(1, 90))
    ascii_part = "".join(ch for ch in name.lower().split()[0] if ch.isascii() and ch.isalpha())
    email = f"{ascii_part or 'user'}{handle}@{rng.choice(EMAIL_DOMAINS)}"
    phone = f"(555) 01{rng.randint(0, 9)}-{rng.randint(1000, 9999)}"
    return Customer(name, phone, email, rng.choice(TEST_CARDS), speaker)
