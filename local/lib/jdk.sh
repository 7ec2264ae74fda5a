# Finds a JDK >= 21 for the build. The machines' default java is 17, which cannot compile --release 21; a newer
# JDK is usually under /usr/lib/jvm. Exports JAVA_HOME or fails with what to do.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}'; }

find_jdk() {
  local candidate best="" best_major=0 major
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -x $candidate/bin/javac ]] || continue
    major=$(java_major "$candidate")
    [[ $major =~ ^[0-9]+$ ]] || continue
    if ((major >= 21 && major > best_major)); then best=$candidate best_major=$major; fi
    # An explicit JAVA_HOME that is new enough wins over anything found by scanning.
    if [[ $candidate == "${JAVA_HOME:-}" && $major -ge 21 ]]; then best=$candidate; break; fi
  done
  [[ -n $best ]] || die "no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*): install one, e.g. Temurin 21+, and set JAVA_HOME"
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
