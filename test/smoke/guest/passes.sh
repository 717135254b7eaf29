#!/bin/sh
# Runs after two failures in the same guest: it must still pass on its own.
true
