#!/usr/bin/env bash
# A local Elasticsearch 8 node for Mingzhang's tests and for trying the ES search backend,
# built only from registry artifacts (Maven Central): no download from elsewhere, no Docker.
#
#   scripts/elasticsearch.sh fetch                 resolve the jars once into the cache (fast when cached)
#   scripts/elasticsearch.sh start [options]       start a throwaway single node on 127.0.0.1, print its URL
#       --port N         HTTP port (default: a free one)
#       --dir D          folder for its data and logs (default: a new temporary folder, removed on stop)
#       --heap SIZE      JVM heap, e.g. 768m (default: $MINGZHANG_ES_HEAP or 768m)
#       --watch-pid P    stop the node when process P exits (the test fixture passes pytest's pid)
#   scripts/elasticsearch.sh stop [--dir D | --port N]   stop a node (default: the last one started)
#   scripts/elasticsearch.sh status                      list the nodes started here that still run
#
# What runs: Elastic's own server jar (org.elasticsearch:elasticsearch) and its bundled
# transport-netty4 module (org.elasticsearch.plugin:transport-netty4), unmodified, as published on
# Maven Central (the recipe is scripts/elasticsearch/pom.xml), started by a small launcher
# (scripts/elasticsearch/java/) that builds the node the way the distribution does, except that the
# netty4 module comes from the class path. Security is off (there is no x-pack): plain HTTP, no password,
# bound to loopback only. Elastic does not publish its other bundled modules (analysis-common, ...)
# to Maven Central for 8.x, so the node has the server's built-in analysis only (standard, whitespace,
# keyword analyzers; lowercase filter), dense_vector and kNN; search/es_backend.py uses no more.
#
# Environment: MINGZHANG_ES_CACHE (cache root, default ~/.cache/mingzhang/elasticsearch),
# MINGZHANG_ES_JAVA_HOME (a JDK 17-23; default: JAVA_HOME if it fits, else the system's JDK 17),
# MINGZHANG_ES_HEAP, MINGZHANG_ES_START_TIMEOUT (seconds, default 120), MINGZHANG_ES_LOG_LEVEL (WARN).
set -euo pipefail

ES_VERSION=8.19.21  # keep in step with scripts/elasticsearch/pom.xml
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RECIPE="$HERE/elasticsearch"
CACHE_ROOT="${MINGZHANG_ES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mingzhang/elasticsearch}"
CACHE="$CACHE_ROOT/$ES_VERSION"
RUN="$CACHE_ROOT/run"
MAIN_CLASS=org.elasticsearch.node.MingzhangLocalNode

say() { echo "[elasticsearch.sh] $*" >&2; }
# die "中文说明" "English explanation" [details...]
die() {
    local zh="$1" en="$2"
    shift 2
    echo "[elasticsearch.sh] 错误：$zh" >&2
    echo "[elasticsearch.sh] error: $en" >&2
    for line in "$@"; do echo "    $line" >&2; done
    exit 1
}

# ---- Java -----------------------------------------------------------------------------

java_major() {  # java_major /path/to/java -> 17
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

find_jdk() {
    # A JDK (javac for fetch) of version 17..23: Elasticsearch 8 supports these, and Java 24+
    # removed the SecurityManager that Elasticsearch 8 is built around.
    local candidates=()
    [ -n "${MINGZHANG_ES_JAVA_HOME:-}" ] && candidates+=("$MINGZHANG_ES_JAVA_HOME")
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/java-17-openjdk)
    local found
    for found in /usr/lib/jvm/*; do candidates+=("$found"); done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    local home major
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major="$(java_major "$home/bin/java")"
        if [ -n "$major" ] && [ "$major" -ge 17 ] && [ "$major" -le 23 ]; then
            echo "$home"
            return 0
        fi
    done
    return 1
}

ensure_tools() {
    local missing=()
    find_jdk >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian packages: ${missing[*]}"
        apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
            die "无法安装 ${missing[*]}（apt-get 失败）" "could not install ${missing[*]} (apt-get failed)"
    else
        die "缺少 ${missing[*]}：请安装 JDK 17（javac）和 Maven" \
            "missing ${missing[*]}: install a JDK 17 (with javac) and Maven"
    fi
    find_jdk >/dev/null || die "没有找到 17 到 23 版的 JDK" "no JDK of version 17 to 23 found"
}

# ---- fetch ----------------------------------------------------------------------------

recipe_digest() {
    (cd "$RECIPE" && cat pom.xml $(find java -name '*.java' | sort)) | sha256sum | cut -c1-16
}

cmd_fetch() {
    local digest
    digest="$(recipe_digest)"
    if [ -f "$CACHE/.complete" ] && [ "$(cat "$CACHE/.complete")" = "$digest" ]; then
        say "cached: Elasticsearch $ES_VERSION in $CACHE"
        return 0
    fi
    ensure_tools
    local jdk started tmp
    jdk="$(find_jdk)"
    started=$SECONDS
    mkdir -p "$CACHE_ROOT"
    tmp="$(mktemp -d "$CACHE_ROOT/.fetch-$ES_VERSION-XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    say "resolving Elasticsearch $ES_VERSION from Maven Central (scripts/elasticsearch/pom.xml) ..."
    if ! JAVA_HOME="$jdk" mvn -B -q -f "$RECIPE/pom.xml" dependency:copy-dependencies \
            -DincludeScope=runtime -DoutputDirectory="$tmp/lib" >"$tmp/mvn.log" 2>&1; then
        die "从 Maven Central 获取 Elasticsearch $ES_VERSION 失败（mvn dependency:copy-dependencies）" \
            "resolving Elasticsearch $ES_VERSION from Maven Central failed (mvn dependency:copy-dependencies)" \
            "$(grep -E 'ERROR|Could not' "$tmp/mvn.log" | head -5)"
    fi
    say "compiling the launcher (scripts/elasticsearch/java) ..."
    mkdir -p "$tmp/classes"
    if ! "$jdk/bin/javac" -nowarn -encoding UTF-8 -cp "$tmp/lib/*" -d "$tmp/classes" \
            $(find "$RECIPE/java" -name '*.java') >"$tmp/javac.log" 2>&1; then
        die "编译启动程序失败（javac）" "compiling the launcher failed (javac)" "$(head -20 "$tmp/javac.log")"
    fi
    echo "$digest" >"$tmp/.complete"
    rm -f "$tmp/mvn.log" "$tmp/javac.log"
    if [ -d "$CACHE" ]; then  # an older recipe's copy
        mv -T "$CACHE" "$CACHE.old.$$" 2>/dev/null || true
    fi
    mv -T "$tmp" "$CACHE" 2>/dev/null || true  # a concurrent fetch may have won: either copy is complete
    rm -rf "$CACHE.old.$$" "$tmp"
    trap - EXIT
    say "fetched Elasticsearch $ES_VERSION into $CACHE ($(ls "$CACHE/lib" | wc -l) jars, $((SECONDS - started)) s)"
}

# ---- start / stop ---------------------------------------------------------------------

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_in_use() {
    python3 -c 'import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
sys.exit(1)' "$1"
}

health() {  # prints green/yellow/red, or nothing when not answering
    local url="$1"
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 5 "$url/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null |
            sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
    else
        python3 -c 'import json, sys, urllib.request
try:
    print(json.load(urllib.request.urlopen(sys.argv[1] + "/_cluster/health?wait_for_status=yellow&timeout=2s", timeout=5))["status"])
except Exception:
    pass' "$url"
    fi
}

cmd_start() {
    local port="" dir="" heap="${MINGZHANG_ES_HEAP:-768m}" watch=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --port) port="$2"; shift 2 ;;
            --dir) dir="$2"; shift 2 ;;
            --heap) heap="$2"; shift 2 ;;
            --watch-pid) watch="$2"; shift 2 ;;
            *) die "未知参数 $1" "unknown option $1" ;;
        esac
    done
    cmd_fetch
    local jdk
    jdk="$(find_jdk)" || die "没有找到 17 到 23 版的 JDK" "no JDK of version 17 to 23 found"
    command -v python3 >/dev/null 2>&1 || die "需要 python3（用于选择空闲端口）" "python3 is needed (to pick free ports)"
    if [ -n "$port" ]; then
        port_in_use "$port" && die "端口 $port 已被占用" "port $port is already in use"
    else
        port="$(free_port)"
    fi
    local transport_port
    transport_port="$(free_port)"
    [ "$transport_port" = "$port" ] && transport_port="$(free_port)"
    local throwaway=""
    if [ -z "$dir" ]; then
        dir="$(mktemp -d "${TMPDIR:-/tmp}/mingzhang-es-XXXXXX")"
        throwaway=1
    else
        mkdir -p "$dir"
        [ -z "$(ls -A "$dir" 2>/dev/null)" ] && throwaway=1  # an empty folder we were given is ours to clear
    fi
    dir="$(cd "$dir" && pwd)"
    [ -n "$throwaway" ] && touch "$dir/.throwaway"
    local url="http://127.0.0.1:$port"
    local started=$SECONDS timeout="${MINGZHANG_ES_START_TIMEOUT:-120}"
    say "starting Elasticsearch $ES_VERSION on $url (heap $heap, data in $dir) ..."
    # setsid: the node is not killed with the caller's terminal; --watch-pid ties it to a process instead.
    setsid "$jdk/bin/java" -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Xss1m \
        -Djava.io.tmpdir="$dir" -Dfile.encoding=UTF-8 -Djava.awt.headless=true \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
        -Des.logger.level="${MINGZHANG_ES_LOG_LEVEL:-WARN}" \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
        -cp "$CACHE/classes:$CACHE/lib/*" "$MAIN_CLASS" "$dir/node" "$port" "$transport_port" ${watch:+"$watch"} \
        </dev/null >"$dir/node.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$dir/node.pid"
    echo "$url" >"$dir/url"
    mkdir -p "$RUN"
    echo "$dir" >"$RUN/port-$port"
    echo "$dir" >"$RUN/last"
    local status=""
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$RUN/port-$port"
            die "Elasticsearch 进程启动后退出（日志：$dir/node.log）" \
                "the Elasticsearch process exited during start (log: $dir/node.log)" \
                "$(grep -v '^\s*at ' "$dir/node.log" | grep -iE 'exception|error|caused' | head -8)"
        fi
        status="$(health "$url" || true)"
        if [ "$status" = green ] || [ "$status" = yellow ]; then
            break
        fi
        if [ $((SECONDS - started)) -ge "$timeout" ]; then
            kill -TERM "$pid" 2>/dev/null || true
            rm -f "$RUN/port-$port"
            die "Elasticsearch 在 $timeout 秒内没有就绪（集群状态：${status:-无响应}；日志：$dir/node.log）" \
                "Elasticsearch was not ready within $timeout s (cluster status: ${status:-no answer}; log: $dir/node.log)"
        fi
        sleep 0.5
    done
    say "ready in $((SECONDS - started)) s (cluster $status, pid $pid); stop with: scripts/elasticsearch.sh stop --dir $dir"
    echo "$url"
}

resolve_dir() {  # resolve_dir [--dir D | --port N] -> the node's folder
    case "${1:-}" in
        --dir) echo "$2" ;;
        --port) [ -f "$RUN/port-$2" ] && cat "$RUN/port-$2" ;;
        "") [ -f "$RUN/last" ] && cat "$RUN/last" ;;
        *) echo "$1" ;;
    esac
}

cmd_stop() {
    local dir
    dir="$(resolve_dir "$@")" || true
    if [ -z "$dir" ] || [ ! -f "$dir/node.pid" ]; then
        say "no node to stop${1:+ ($*)}"
        return 0
    fi
    local pid url port
    pid="$(cat "$dir/node.pid")"
    url="$(cat "$dir/url" 2>/dev/null || true)"
    port="${url##*:}"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local waited=0
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt 60 ]; do sleep 0.5; waited=$((waited + 1)); done
        if kill -0 "$pid" 2>/dev/null; then
            say "the node did not stop within 30 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        say "stopped the node on $url (pid $pid)"
    else
        say "the node on $url (pid $pid) was not running"
    fi
    [ -n "$port" ] && rm -f "$RUN/port-$port"
    if [ -f "$RUN/last" ] && [ "$(cat "$RUN/last")" = "$dir" ]; then rm -f "$RUN/last"; fi
    if [ -f "$dir/.throwaway" ]; then
        rm -rf "$dir"
    else
        rm -f "$dir/node.pid"
    fi
}

cmd_status() {
    local f dir pid any=""
    for f in "$RUN"/port-*; do
        [ -f "$f" ] || continue
        dir="$(cat "$f")"
        pid="$(cat "$dir/node.pid" 2>/dev/null || true)"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            echo "$(cat "$dir/url")  pid $pid  $dir"
            any=1
        else
            rm -f "$f"
        fi
    done
    [ -n "$any" ] || say "no node running"
}

case "${1:-}" in
    fetch) shift; cmd_fetch "$@" ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    status) shift; cmd_status "$@" ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
