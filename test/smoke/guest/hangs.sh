#!/bin/sh
# Never finishes: the runner's timeout must end the guest.
sleep 100000
