"""The model matrix (`oci matrix`, `make matrix`): several prompt/model pairs side by side.

- `pairs`: the pairs (`Entry`, `with_models`) and `run_matrix`, every pair at once;
- `leaderboard`: one `Row` per pair with its gate verdict, and `recommend`;
- `report`: markdown, a self-contained HTML page with Pareto plots, a terminal table;
- `harness`, `processes`, `workers`: the pairs spread over worker processes;
- `cli`: the command.
"""
