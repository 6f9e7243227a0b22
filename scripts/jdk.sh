# Sourced by the scripts here: exports JAVA_HOME pointing at a JDK 25.
# Takes JAVA_HOME when it already is one, else the first JDK 25 under /usr/lib/jvm.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

is_jdk25() {
    [ -x "$1/bin/javac" ] && v=$(java_major "$1/bin/java") && [ "${v:-0}" -ge 25 ] 2>/dev/null
}

find_jdk25() {
    if [ -n "${JAVA_HOME:-}" ] && is_jdk25 "$JAVA_HOME"; then return 0; fi
    for d in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
        if [ -d "$d" ] && is_jdk25 "$d"; then JAVA_HOME=$d; export JAVA_HOME; return 0; fi
    done
    echo "No JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}). poold builds with JDK 25:" >&2
    echo "  install one (e.g. 'apt-get install temurin-25-jdk' from Adoptium's repository, or" >&2
    echo "  openjdk-25-jdk where your distribution has it) and/or set JAVA_HOME to it." >&2
    return 1
}

# Maven 3.9's Guice warns about sun.misc.Unsafe on JDK 24+; the flag only exists there.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
