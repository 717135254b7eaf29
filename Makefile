# kpatch: live patching for the Linux kernel.
#
#   make              build the userspace tools, and kpatch.ko against KDIR
#   make check        run every test (boots the test kernel under QEMU)
#   make check-distro patch Debian's stock 6.1 and 6.12 cloud kernels, booted
#                     unmodified under QEMU (downloads about 310 MB a
#                     release the first time; KPATCH_DISTRO_RELEASE=R picks one)
#   make demo         set up and run the main job end to end
#   make install      install under $(DESTDIR)$(PREFIX), see below
#   make uninstall    remove what install put there, and nothing else (in a
#                     DESTDIR, the directories it created too)
#   make clean        remove build products
#
# Variables:
#   PREFIX   where the tools go (default /usr/local)
#   DESTDIR  a staging root prepended to every installed path (packaging)
#   KDIR     kernel build tree for kpatch.ko (default: the running kernel's)
#   KMOD     set to no to leave kpatch.ko out of all/install (packages
#            build it through DKMS instead)
#   UNITDIR  where kpatch.service goes (default $(PREFIX)/lib/systemd/system)
#
# What install puts where (doc/INSTALL.md says more):
#   $(PREFIX)/bin/kpatch, $(PREFIX)/bin/kpatch-build
#   $(PREFIX)/libexec/kpatch/            create-diff-object, kpatch-cc, probe/
#   $(PREFIX)/share/kpatch/patch/        the patch-module template
#   $(PREFIX)/share/kpatch/core/         the core module's sources (for its
#                                        exports when building a patch)
#   $(PREFIX)/share/man/man1/            kpatch.1, kpatch-build.1
#   $(PREFIX)/share/bash-completion/completions/
#   $(UNITDIR)/kpatch.service            reloads installed patches at boot
#   /lib/modules/<release>/extra/kpatch/kpatch.ko, when it was built
#                                        (under DESTDIR, never under PREFIX)

PREFIX ?= /usr/local
KDIR ?= /lib/modules/$(shell uname -r)/build
KMOD ?= yes
UNITDIR ?= $(PREFIX)/lib/systemd/system
# UNITDIR is not exported: its default would leak, through the
# environment, into a make run under this one (make check installs into a
# DESTDIR with another PREFIX), and override that make's own default.
# kpatch/Makefile derives the same default; one given on the command line
# reaches it through MAKEFLAGS.
export PREFIX DESTDIR KDIR

# Subdirectories that build something; each has all, install, uninstall
# and clean targets.  kmod/ builds against KDIR.  man/ and completion/ are
# picked up when they exist.
SUBDIRS := $(patsubst %/Makefile,%,$(wildcard kpatch-build/Makefile kpatch/Makefile man/Makefile completion/Makefile))
ifneq ($(KMOD),no)
SUBDIRS += $(patsubst %/Makefile,%,$(wildcard kmod/Makefile))
endif

.PHONY: all install uninstall clean check check-distro demo $(SUBDIRS)

all: $(SUBDIRS)

$(SUBDIRS):
	$(MAKE) -C $@ all

# install builds first, so that kpatch.ko is installed when KDIR has a
# kernel tree.
install: all
	@set -e; for d in $(SUBDIRS); do $(MAKE) -C $$d $@; done

# In a staging DESTDIR, uninstall also removes the directories that
# install created and that are now empty, up to DESTDIR itself.  On the
# live system (no DESTDIR) the shared ones, like /usr/local/bin, stay.
uninstall:
	@set -e; for d in $(SUBDIRS); do $(MAKE) -C $$d $@; done
	@if [ -n "$(DESTDIR)" ]; then \
		for d in $(PREFIX)/bin $(PREFIX)/libexec $(PREFIX)/share/man/man1 \
			$(PREFIX)/share/bash-completion/completions $(UNITDIR) \
			$(patsubst $(DESTDIR)%,%,$(wildcard $(DESTDIR)/lib/modules/*/extra)); do \
			while [ "$$d" != / ] && [ "$$d" != . ] && rmdir "$(DESTDIR)$$d" 2>/dev/null; do \
				d=$$(dirname "$$d"); \
			done; \
		done; \
	fi

clean:
	@set -e; for d in $(SUBDIRS); do $(MAKE) -C $$d $@; done

check:
	./scripts/install-deps.sh
	./test/run-tests.sh

check-distro:
	./scripts/install-deps.sh build vm distro
	./test/run-tests.sh distro

demo:
	./scripts/demo.sh
