#!/usr/bin/env bash
# Issue 17: what rclone's own logging costs. Bare `rclone sync` against the same with the flags the
# executor passes to a one-way run (--use-json-log -v --stats 1s --stats-log-level NOTICE
# --retries 1 --max-delete 0, its output read to the end), for 10,000 files (1 B to 11.8 KB, three
# folders deep) on a tmpfs: into an empty folder, then with nothing to change. 7 interleaved pairs.
#
# usage: bench/rclone-log-cost.sh   (needs rclone and python3; run it on a quiet machine)
set -euo pipefail
W=/dev/shm/flags-bench; rm -rf $W; mkdir -p $W
python3 - $W/src <<'PY'
import os, random, sys
random.seed(7); root=sys.argv[1]
for i in range(10000):
    d=os.path.join(root, "d%d"%(i%10), "e%d"%(i%7), "f%d"%(i%3)); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "file-%05d.bin"%i), "wb") as f: f.write(os.urandom(random.randint(1, 11800)))
PY
t() { local s=$(date +%s%N); "$@" 2>/dev/null; echo $(( ($(date +%s%N)-s)/1000000 )); }
plain() { rclone sync $W/src $1; }
flags() { rclone sync $W/src $1 --config /dev/null --use-json-log -v --stats 1s --stats-log-level NOTICE --retries 1 --max-delete 0 2>&1 | cat > /dev/null; }
plain $W/warm1; flags $W/warm2; rm -rf $W/warm1 $W/warm2
for i in 1 2 3 4 5 6 7; do
  if [ $((i%2)) -eq 1 ]; then a=$(t plain $W/p$i); b=$(t flags $W/f$i); else b=$(t flags $W/f$i); a=$(t plain $W/p$i); fi
  na=$(t plain $W/p$i); nb=$(t flags $W/f$i)
  echo "pair $i: empty plain $a flags $b ratio $(python3 -c "print(round($b/$a,2))") | nochange plain $na flags $nb ratio $(python3 -c "print(round($nb/$na,2))")"
  rm -rf $W/p$i $W/f$i
done
rm -rf $W
