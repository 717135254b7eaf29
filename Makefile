# kpatch: live patching for the Linux kernel.
#
#   make              build the userspace tools, and kpatch.ko against KDIR
#   make check        run every test (boots the test kernel under QEMU)
#   make demo         set up and run the main job end to end
#   make install      install under $(DESTDIR)$(PREFIX)
#   make uninstall    remove what install put there

PREFIX ?= /usr/local
KDIR ?= /lib/modules/$(shell uname -r)/build
export PREFIX DESTDIR KDIR

# Subdirectories that build something; each has all, install, uninstall
# and clean targets.  kmod/ builds against KDIR.
SUBDIRS := $(patsubst %/Makefile,%,$(wildcard kpatch-build/Makefile kpatch/Makefile man/Makefile kmod/Makefile))

.PHONY: all install uninstall clean check demo $(SUBDIRS)

all: $(SUBDIRS)

$(SUBDIRS):
	$(MAKE) -C $@ all

install uninstall clean:
	@set -e; for d in $(SUBDIRS); do $(MAKE) -C $$d $@; done

check:
	./scripts/install-deps.sh
	./test/run-tests.sh

demo:
	./scripts/demo.sh
