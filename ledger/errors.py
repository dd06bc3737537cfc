"""One kind of error for requests the data or the rules cannot serve.

A ``UserError`` carries a machine-readable ``code``, a Chinese ``message`` for the person and an HTTP
``status``; the web layer turns every one of them into the same JSON error object or error page, in
one handler (portal/errors.py), so views raise and never translate.
"""


class UserError(ValueError):
    code = "bad_request"
    status = 400

    def __init__(self, code=None, message="", status=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status

    def __str__(self):
        return self.message
