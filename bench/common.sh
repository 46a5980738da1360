# What the benchmark scripts share: stopping with a message, checking the page counts asked
# for, and installing missing tools from Debian. Sourced, never run.

# Stops the script with a message naming it.
die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# Stops unless every argument is a positive number of pages.
check_sizes() {
    local n
    for n in "$@"; do
        [[ $n =~ ^[1-9][0-9]*$ ]] ||
            die "'$n' is not a number of pages (usage: bench/$(basename "$0") [N...])"
    done
}

# Installs the Debian packages named, when there are any.
install_missing() {
    [ "$#" -gt 0 ] || return 0
    echo "installing $* with apt-get" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get install -y "$@" >/dev/null ||
        die "could not install $*; install them and run again"
}
