"""The golden dataset: schema, seeded history generator, validator, build and loader.

Entry points for the CLI: `validate.validate_file`, `validate.validate_annotations`,
`build.build_samples`, `loader.load_golden`, `summary_table.print_summary_table`,
`generator.write_histories` and `generator.generate_traffic`. See datasets/README.md.
"""
