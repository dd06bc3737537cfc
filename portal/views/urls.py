"""Links built many times on one page, with the route built once (werkzeug's route building dominated the
time of a province's pages)."""
from flask import url_for

_VARYING = "QZVARYINGZQ"  # stands for the varying value while the route is built once


def url_builder(endpoint, vary, **fixed):
    """``build(value)`` == ``url_for(endpoint, **fixed, **{vary: value})``, with the route built once: a
    province's comparison page and map link 200 districts each. A value that is not plain ASCII letters and
    digits (which would need quoting) is built by url_for itself."""
    template = url_for(endpoint, **fixed, **{vary: _VARYING})

    def build(value):
        text = str(value)
        if text.isascii() and text.isalnum():
            return template.replace(_VARYING, text)
        return url_for(endpoint, **fixed, **{vary: value})
    return build
