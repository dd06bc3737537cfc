"""Flask extensions, created unbound and attached in the app factory."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Storage comes from app.config["RATELIMIT_STORAGE_URI"] (memory:// by default, redis://… for many workers).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
