#!/bin/sh
# Deliberately fails: the runner must report it and exit with its status.
echo "this script fails on purpose"
exit 3
