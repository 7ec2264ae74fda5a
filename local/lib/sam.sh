# AWS SAM CLI and cfn-lint, pinned, for local/template-check (and for `sam build` / `sam deploy` by hand).
# Both come from PyPI into a virtualenv in a cache dir outside the repo, so a fresh clone or `git clean` does not
# cost another install. Installed together in one pip call, so pip's resolver checks that the two pins agree.
# Source after common.sh; defines sam_install (idempotent) and SAM_VENV (its bin/ holds sam and cfn-lint).

[[ $(type -t log) == function ]] || source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SAM_CLI_VERSION=1.170.0
CFN_LINT_VERSION=1.58.0
SAM_VENV=${PORTICO_CACHE_DIR:-$HOME/.cache/portico}/sam-venv

# SAM CLI runs on Python 3.9 or newer: take SAM_PYTHON, else python3 when new enough, else the newest 3.9+
# interpreter on PATH or among pyenv's versions.
_sam_python() {
  local c
  for c in "${SAM_PYTHON:-}" python3 python3.13 python3.12 python3.11 python3.10 python3.9 \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.{9,1[0-9]}*/bin/python3 2>/dev/null | sort -rV); do
    [[ -n $c ]] || continue
    # sys.executable: the interpreter itself, not a pyenv shim whose target depends on the directory.
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 9))' >/dev/null 2>&1; then
      "$c" -c 'import sys; print(sys.executable)'; return 0
    fi
  done
  die "sam: AWS SAM CLI needs Python >= 3.9 and none was found (python3 is $(python3 --version 2>&1 || echo missing)); install one (e.g. 'apt-get install -y python3 python3-venv') or set SAM_PYTHON=/path/to/python3.9+"
}

# The stamp records the pins and the interpreter, so a second call is a no-op and a change of either rebuilds
# the venv instead of layering packages over a stale one.
sam_install() {
  local py stamp want
  py=$(_sam_python) || exit 1
  want="aws-sam-cli==$SAM_CLI_VERSION cfn-lint==$CFN_LINT_VERSION $("$py" -c 'import sys; print(sys.version)' | head -n1)"
  stamp=$SAM_VENV/.portico-stamp
  if [[ -x $SAM_VENV/bin/sam && -x $SAM_VENV/bin/cfn-lint && -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  log "sam: installing aws-sam-cli $SAM_CLI_VERSION and cfn-lint $CFN_LINT_VERSION into $SAM_VENV with $py (about a minute, once)"
  rm -rf "$SAM_VENV"
  mkdir -p "$(dirname "$SAM_VENV")"
  "$py" -m venv "$SAM_VENV" || die "sam: '$py -m venv' failed (on Debian: apt-get install -y python3-venv)"
  "$SAM_VENV/bin/pip" install --disable-pip-version-check -q \
    "aws-sam-cli==$SAM_CLI_VERSION" "cfn-lint==$CFN_LINT_VERSION" \
    || { rm -rf "$SAM_VENV"; die "sam: pip install aws-sam-cli==$SAM_CLI_VERSION cfn-lint==$CFN_LINT_VERSION failed (see the pip output above)"; }
  echo "$want" >"$stamp"
}
