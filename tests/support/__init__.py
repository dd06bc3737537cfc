"""Real servers for tests and benchmarks: free loopback ports, gunicorn, redis-server, PostgreSQL.

bench/ scripts import it too (``sys.path.insert(0, "tests")``); nothing here needs pytest except the
redis and PostgreSQL fixtures, which skip or fail with the reason when the server is not installed.
"""
