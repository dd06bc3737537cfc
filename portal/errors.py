"""Errors: Chinese HTML pages for people, ``{"error": {"code", "message"}}`` for the API."""
from flask import jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from ledger.errors import UserError

MESSAGES = {
    400: ("bad_request", "请求有误"),
    403: ("forbidden", "没有权限访问此页面"),
    404: ("not_found", "页面不存在或已移除"),
    405: ("method_not_allowed", "不支持的请求方法"),
    413: ("too_large", "上传的文件过大"),
    429: ("rate_limited", "操作过于频繁，请稍后再试"),
    500: ("internal_error", "服务器内部错误，我们已记录此问题"),
    503: ("no_publication", "尚未发布任何数据"),
}


def wants_json():
    path = request.path
    return (path.startswith(("/api/", "/data/")) or path.endswith(".json")  # /data/…: the download API
            or request.is_json  # a JSON body (the comment API) is answered in JSON, whatever it accepts
            or request.accept_mimetypes.best == "application/json")


def api_error(status, code, message, **extra):
    response = jsonify({"error": {"code": code, "message": message, **extra}})
    response.status_code = status
    return response


def handle_http_error(exc):
    status = exc.code if isinstance(exc, HTTPException) else 500
    code, message = MESSAGES.get(status, ("error", "请求无法完成"))
    if wants_json():
        response = api_error(status, code, message)
    else:
        response = make_response(render_template("error.html", status=status, message=message), status)
    if getattr(exc, "valid_methods", None):  # 405 must name the allowed methods (RFC 9110)
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def handle_user_error(exc):
    """Every UserError, from any layer: the same JSON error object for the API, an error page for people."""
    if wants_json():
        return api_error(exc.status, exc.code, exc.message)
    return make_response(render_template("error.html", status=exc.status, message=exc.message), exc.status)


def register(app):
    app.register_error_handler(UserError, handle_user_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, lambda exc: (app.logger.exception(exc), handle_http_error(exc))[1])
