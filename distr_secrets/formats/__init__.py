"""Output formats that rendered templates are checked against.

`compose_env` reads docker compose's `.env` dialect and `helm_yaml` reads
Helm values YAML, both keeping the source range of each value. `roundtrip`
checks that substituted secret values read back intact, with the rules of each
format in `env_check` and `yaml_check`.
"""
