"""What operators see: request ids{% if cookiecutter.use_prometheus == "yes" %} and metrics{% endif %}."""
