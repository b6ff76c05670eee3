# Every target installs what it needs on first use (a stamp file tracks pyproject.toml).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OCI := $(BIN)/oci

# Offline defaults (see DESIGN.md): litellm must not fetch its price map at import, and
# nothing phones home. The Python entry points set the same defaults themselves.
export LITELLM_LOCAL_MODEL_COST_MAP ?= True
export MLFLOW_DISABLE_TELEMETRY ?= true
export RAGAS_DO_NOT_TRACK ?= true
export DO_NOT_TRACK ?= 1
export PROMPTFOO_DISABLE_TELEMETRY ?= 1
export PROMPTFOO_DISABLE_UPDATE ?= 1
export PROMPTFOO_CONFIG_DIR ?= $(CURDIR)/.promptfoo
export HF_HUB_OFFLINE ?= 1
export MLFLOW_SERVER_ENABLE_JOB_EXECUTION ?= false

PROMPT ?= omni-summary
VERSION ?=
WEEK ?=

.PHONY: help install eval meta-eval matrix test test-fast check serve register promote gate report simulate bench mlflow-ui deploy-lint clean

help:
	@echo "make install   - create .venv and install everything (every target does it on first use)"
	@echo "make eval      - evaluate and gate the production pair on golden/v2 (DATASET=dev, LIMIT=n)"
	@echo "make meta-eval - measure what each gate check catches (detection table)"
	@echo "make matrix    - several models side by side (MODELS=a,b,c; EMULATOR=0 for real ones)"
	@echo "make register  - validate and register the prompt directories as new versions"
	@echo "make promote   - promote VERSION=n to production if the gate passes (LIMIT=, REMEASURE=1)"
	@echo "make gate      - promptfoo gate of the prompt directories changed since the base ref"
	@echo "make serve     - the service on embedded backends"
	@echo "make simulate  - a simulated week of traffic, with feedback (WEEK=, REQUESTS=)"
	@echo "make report    - the weekly report and the week's regression set (WEEK=: newest)"
	@echo "make mlflow-ui - mlflow server on 127.0.0.1:5000 over the local store"
	@echo "make test      - run the whole test suite (CI runs this)"
	@echo "make test-fast - unit and property tests only: no servers, no subprocesses"
	@echo "make check     - ruff, ruff format --check, mypy"
	@echo "make bench     - benchmarks (ratios side by side) into reports/bench/"
	@echo "make deploy-lint - cfn-lint, checkov and hadolint over service/deploy/"
	@echo "make clean     - remove .venv and the tool caches"

# pip installs uv, and uv the rest: the same versions pip would choose, resolved and
# downloaded in parallel (a cold install takes seconds rather than minutes). Bytecode is
# compiled once here, for the dependencies and the project's own packages: where
# PYTHONDONTWRITEBYTECODE is set (CI images often set it), every process would otherwise
# compile litellm, mlflow and the rest again on import (measured: `import litellm, mlflow`
# 14 s without .pyc files, 8 s with them; a gate run 73 s against 52 s).
UV_REQUIREMENT := 'uv>=0.9,<1'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(UV_REQUIREMENT)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	$(BIN)/python -m compileall -q -j 0 service eval >/dev/null
	@touch $(STAMP)

install: $(STAMP)

# Evaluate the production pair (or PROMPT=/VERSION=, or PROMPT_DIR=prompts/<name>) and gate it,
# on golden/v2 by default. DATASET=dev: the dev set, to tune on (the gate decides on golden);
# DATASET=golden/v1: the older, easier set, for comparison. LIMIT=N: the first N samples only.
PROMPT_DIR ?=
DATASET ?=
eval: $(STAMP)
	$(OCI) eval --prompt $(PROMPT) $(if $(VERSION),--version $(VERSION),) $(if $(PROMPT_DIR),--prompt-dir $(PROMPT_DIR),) $(if $(DATASET),--dataset $(DATASET),) $(if $(LIMIT),--limit $(LIMIT),)

# Measure each gate check's detection and false-alarm rates on perturbed known-good summaries
# (FAMILY=<name> for one family, LIMIT=<n> variants per family and source).
FAMILY ?=
LIMIT ?=
meta-eval: $(STAMP)
	$(OCI) meta-eval run --prompt $(PROMPT) $(if $(FAMILY),--family $(FAMILY),) $(if $(LIMIT),--limit $(LIMIT),) $(if $(DATASET),--dataset $(DATASET),)

# Several model choices on the same samples: leaderboard, Pareto plots, recommendation.
# Offline by default (the Converse emulator's model zoo); EMULATOR=0 calls the real models.
MODELS ?= bedrock/converse/us.amazon.nova-micro-v1:0,bedrock/converse/us.amazon.nova-lite-v1:0,bedrock/converse/us.amazon.nova-pro-v1:0,bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0,bedrock/converse/us.anthropic.claude-3-5-sonnet-20241022-v2:0,bedrock/converse/us.meta.llama3-1-8b-instruct-v1:0
EMULATOR ?= 1
matrix: $(STAMP)
	$(OCI) matrix --prompt $(PROMPT) --models $(MODELS) $(if $(filter 1,$(EMULATOR)),--emulator,) $(if $(LIMIT),--limit $(LIMIT),)

# Move `production` to VERSION only if the gate passes (FORCE=1 REASON="..." to override, audited;
# LIMIT=N for the first N samples, REMEASURE=1 to call the models again).
promote: $(STAMP)
	$(OCI) promote --prompt $(PROMPT) --version $(VERSION) $(if $(FORCE),--force --reason "$(REASON)",) $(if $(LIMIT),--limit $(LIMIT),) $(if $(REMEASURE),--remeasure,)

# Tests run on TEST_WORKERS processes (pytest-xdist), a test module per process so that its
# module-scoped servers start once; TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= 2
XDIST = $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile,)
test: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) --durations=25

# The tiers are set per test from tests/tiers.py.
FAST_TIERS := not (integration or subprocess or postgres or npm or slow)
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "$(FAST_TIERS)"

check: $(STAMP)
	$(BIN)/ruff check service eval tests bench
	$(BIN)/ruff format --check service eval tests bench
	$(BIN)/mypy service eval

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The infrastructure linters in an environment of their own (checkov pins an older boto3).
DEPLOY_LINT := $(VENV)/deploy-lint
DEPLOY_LINT_STAMP := $(DEPLOY_LINT)/.installed
DEPLOY := service/deploy
$(DEPLOY_LINT_STAMP): $(DEPLOY)/lint-requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	@test -x $(DEPLOY_LINT)/bin/python || $(PYTHON) -m venv $(DEPLOY_LINT)
	$(DEPLOY_LINT)/bin/python -m pip install --quiet $(UV_REQUIREMENT)
	$(DEPLOY_LINT)/bin/uv pip install --quiet --python $(DEPLOY_LINT)/bin/python -r $(DEPLOY)/lint-requirements.txt
	@touch $@

deploy-lint: $(DEPLOY_LINT_STAMP)
	$(DEPLOY_LINT)/bin/cfn-lint $(DEPLOY)/cloudformation/*.yaml
	$(DEPLOY_LINT)/bin/checkov --quiet --compact --skip-download \
	  -f $(DEPLOY)/cloudformation/storage.yaml -f $(DEPLOY)/cloudformation/service.yaml -f $(DEPLOY)/Dockerfile
	$(DEPLOY_LINT)/bin/hadolint $(DEPLOY)/Dockerfile

# PORT=8081 WORKERS=4 (default: OCI_PORT / OCI_WORKERS, else 8080 and 2).
PORT ?=
WORKERS ?=
serve: $(STAMP)
	$(OCI) serve $(if $(PORT),--port $(PORT),) $(if $(WORKERS),--workers $(WORKERS),)

register: $(STAMP)
	$(OCI) registry register --all

MLFLOW_PORT ?= 5000
mlflow-ui: $(STAMP)
	@mkdir -p mlflow/artifacts
	@echo "MLflow UI on http://127.0.0.1:$(MLFLOW_PORT) (prompts, versions, aliases, eval runs)"
	$(BIN)/mlflow server --host 127.0.0.1 --port $(MLFLOW_PORT) \
	  --backend-store-uri sqlite:///mlflow/mlflow.db --default-artifact-root $(CURDIR)/mlflow/artifacts

# CI gate for prompt pull requests (promptfoo): changed prompts vs BASE (default origin/main or main).
# LIMIT=N: first N samples only (N >= 30, the paired checks' min_pairs); PROMPTS_DIR=: another
# checkout's prompts/ (as .ci/run does); GATE_ARGS: more `oci gate` options (--help lists them).
# See eval/promptfoo/README.md.
BASE ?=
LIMIT ?=
PROMPTS_DIR ?=
GATE_ARGS ?=
NPM_STAMP := node_modules/.installed

# promptfoo, pinned by package-lock.json; the slim install (no optional native extras).
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "error: npm not found (Node.js 20.20+ is required for make gate)"; exit 2; }
	npm ci --omit=optional --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

gate: $(STAMP) $(NPM_STAMP)
	$(OCI) gate $(if $(BASE),--base $(BASE),) $(if $(LIMIT),--limit $(LIMIT),) \
	  $(if $(PROMPTS_DIR),--prompts-dir $(PROMPTS_DIR),) $(GATE_ARGS)

# Weekly feedback report (WEEK=2026-W47, default: the newest ended week with data; the
# week in progress when no other has any).
report: $(STAMP)
	$(OCI) report $(if $(WEEK),--week $(WEEK),)

# A week of realistic traffic through the service core, with feedback (REQUESTS=3000).
REQUESTS ?=
simulate: $(STAMP)
	$(OCI) simulate $(if $(WEEK),--week $(WEEK),) $(if $(REQUESTS),--requests $(REQUESTS),)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
