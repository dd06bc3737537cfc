#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real, if missing:
# Chromium + a CJK font (browser tests); redis-server (rate limits shared across workers); nginx.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk" || need+=(fonts-wqy-microhei)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# PostgreSQL server binaries (tests/pg_support.py starts a throwaway cluster on loopback).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
# nginx in front of gunicorn (tests/test_nginx.py starts deploy/nginx/mingzhang.conf on loopback;
# openssl makes its self-signed certificate).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
