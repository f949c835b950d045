#!/bin/sh
# Test handler: starts a background child, records both PIDs in the file
# named by $1 (the child's first), then waits. Used to check that a cancelled
# or timed-out task kills the whole process group.
cat > /dev/null
sleep 300 &
echo $! > "$1.tmp"
echo $$ >> "$1.tmp"
mv "$1.tmp" "$1"
wait
