#!/bin/sh
# Installs the Debian packages the integration and end-to-end tests spawn (slapd, ldap-utils, chromium),
# non-interactively and only when missing. Needs root or sudo.
set -eu
missing=""
command -v slapd >/dev/null 2>&1 || [ -x /usr/sbin/slapd ] || missing="$missing slapd"
command -v ldapmodify >/dev/null 2>&1 || missing="$missing ldap-utils"
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
if [ -z "$missing" ]; then
  echo "system packages for the tests: already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
# The Debian slapd package starts a system slapd on port 389; the tests start their own on free ports.
