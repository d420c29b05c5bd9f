#!/bin/bash
# usage: output_links.sh ROTSIM SCENARIO
# Output paths are resolved before any work (issue 14, item 7): an empty --out and a loop of
# symbolic links are refused at once with one message and nothing left behind; a symbolic link
# to a file that does not exist yet is followed, as a shell's '>' would, and the results are made
# there; a link into a missing directory is refused naming where it leads. For run and expect.
set -u
rotsim=$(readlink -f "$1") scenario=$(readlink -f "$2")
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
printf '[run]\nhorizon_days = 60\n[strength]\ntarget_strength = 0:500, 30:800\n' >tiny.ini
ln -s loop-b loop-a
ln -s loop-a loop-b
ln -s no-such-dir/x.h5 into-missing.h5
for command in "run tiny.ini --replications 2 --quiet" "expect tiny.ini"; do
    # shellcheck disable=SC2086
    set -- $command
    bash "$here/expect_one_message.sh" "output file name is empty" "$rotsim" "$@" --out "" ||
        fail "$1: empty --out"
    bash "$here/expect_one_message.sh" "'loop-a' is a symbolic link that leads to itself" \
        "$rotsim" "$@" --out loop-a || fail "$1: a loop of links"
    bash "$here/expect_one_message.sh" "'into-missing.h5' \\(a link to 'no-such-dir/x.h5'\\)" \
        "$rotsim" "$@" --out into-missing.h5 || fail "$1: a link into a missing directory"
    rm -f "dangling-$1.h5" "made-$1.h5"
    ln -s "made-$1.h5" "dangling-$1.h5"
    "$rotsim" "$@" --out "dangling-$1.h5" >/dev/null || fail "$1: a dangling link was refused"
    [ -L "dangling-$1.h5" ] || fail "$1: the link was replaced"
    /usr/bin/python3 -c "import h5py, sys; h5py.File(sys.argv[1], 'r')['summary']" "made-$1.h5" ||
        fail "$1: no result file where the link leads"
done
left=$(find . -mindepth 1 -name '.*')
[ -z "$left" ] || fail "left behind: $left"
echo "output links OK"
