"""How large a request body may be, decided before any of it is read.

Every request may carry at most MAX_BODY_KB (64 KB: a comment is 500 characters, a login form a few
hundred bytes). Only the staff upload, and only for a logged-in publisher, may carry MAX_UPLOAD_MB.
Before, every route accepted the upload limit: a 45 MB comment body without a form token took
6–8 s and 1.4 GB of worker memory to refuse.

Two guards, both before the body is read:
- ``refuse_declared_oversize`` (before_request, registered after the rate limiter and before CSRF):
  a Content-Length over the limit is answered 413 at once. The rate limiter has already counted the
  request, so oversized or token-less posts use up the client's budget like any other.
- ``BoundedRequest.max_content_length``: werkzeug reads at most that many bytes from a body sent
  without a Content-Length (chunked), and raises 413 past it.
"""
from flask import Request, current_app, request

from ledger.errors import UserError

# Endpoints whose body may reach MAX_UPLOAD_MB, for staff who may use them.
UPLOAD_ENDPOINTS = {"admin.upload": ("publisher",)}


class BoundedRequest(Request):
    """A request whose body limit depends on the endpoint and on who is logged in."""

    @property
    def max_content_length(self):
        if self._max_content_length is None:
            self._max_content_length = body_limit(self)
        return self._max_content_length

    @max_content_length.setter
    def max_content_length(self, value):
        self._max_content_length = value


def body_limit(req):
    """Bytes the body of ``req`` may hold."""
    roles = UPLOAD_ENDPOINTS.get(req.endpoint or "")
    if roles is not None and _staff_may(roles):
        return current_app.config["MAX_CONTENT_LENGTH"]
    return current_app.config["MAX_BODY_BYTES"]


def _staff_may(roles):
    from .auth import current_user, has_role  # the session cookie only: no body is read

    return has_role(current_user(), *roles)


def refuse_declared_oversize():
    """before_request: 413 for a declared Content-Length over this request's limit (nothing read)."""
    length = request.content_length
    if length is None or length <= request.max_content_length:
        return None
    if request.endpoint in UPLOAD_ENDPOINTS and _staff_may(UPLOAD_ENDPOINTS[request.endpoint]):
        return None  # over MAX_UPLOAD_MB: the upload page explains the limit (admin's 413 handler)
    limit_kb = request.max_content_length / 1024
    raise UserError("body_too_large", f"提交的内容过大（上限 {limit_kb:g} KB），未处理。"
                    "评议不超过 500 字；上传数据文件请登录工作人员后台。", 413)


def init_app(app):
    """Install the guards. Call after the rate limiter and before CSRF protection is set up."""
    app.request_class = BoundedRequest
    app.before_request(refuse_declared_oversize)
