// SPDX-License-Identifier: GPL-2.0
/*
 * For 72-getpid.sh: calls getpid() in a loop in NPROCS processes and
 * checks every result.
 *
 *   kpt-getpid once       one call, checked: exit 0 if it was right
 *   kpt-getpid NPROCS     NPROCS children call getpid() until SIGTERM;
 *                         then prints "calls N bad M" and exits 1 if a
 *                         call returned a wrong pid
 *
 * The system call is made directly, so that no C library can cache it,
 * and checked against the pid that /proc/self names, which does not go
 * through getpid().
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static long real_pid(void)
{
	char buf[32];
	ssize_t len = readlink("/proc/self", buf, sizeof(buf) - 1);

	if (len <= 0)
		return -1;
	buf[len] = '\0';
	return atol(buf);
}

/*
 * One child: returns through its pipe the number of calls and of bad ones.
 * It runs at the lowest priority, and sleeps after every 20 calls: ftrace
 * waits for every running task to sleep once (an RCU-tasks grace period)
 * as kpatch unregisters its ftrace_ops, the test script must get the CPU,
 * and under preempt=full a caller preempted inside getpid() (or in
 * __task_pid_nr_ns() below it) blocks the switch; with every caller
 * always runnable, on two CPUs, some caller always is.
 */
static void child(int fd)
{
	long me = real_pid();
	unsigned long calls[2] = { 0, 0 };

	if (me <= 0 || nice(19) < 0)
		_exit(2);
	while (!stop) {
		if (syscall(SYS_getpid) != me)
			calls[1]++;
		if (++calls[0] % 20 == 0)
			usleep(2000);
	}
	if (write(fd, calls, sizeof(calls)) != sizeof(calls))
		_exit(2);
	_exit(0);
}

int main(int argc, char **argv)
{
	unsigned long total = 0, bad = 0, got[2];
	struct sigaction sa;
	int fds[2], i, n, failed = 0;
	pid_t *pids;

	if (argc != 2) {
		fprintf(stderr, "usage: kpt-getpid once|NPROCS\n");
		return 2;
	}
	if (!strcmp(argv[1], "once"))
		return syscall(SYS_getpid) == real_pid() ? 0 : 1;
	n = atoi(argv[1]);
	pids = n > 0 ? calloc(n, sizeof(*pids)) : NULL;
	if (!pids || pipe(fds))
		return 2;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 2;
		}
		if (!pids[i])
			child(fds[1]);
	}
	while (!stop)
		pause();
	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	close(fds[1]);
	for (i = 0; i < n; i++) {
		int status;

		if (read(fds[0], got, sizeof(got)) != sizeof(got)) {
			failed = 1;
			break;
		}
		total += got[0];
		bad += got[1];
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			failed = 1;
	}
	free(pids);
	printf("calls %lu bad %lu\n", total, bad);
	return failed || bad ? 1 : 0;
}
