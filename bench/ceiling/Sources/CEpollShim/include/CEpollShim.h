// epoll and accept4 for the ceiling's relay without SwiftNIO: Glibc's Swift module exports neither.
#ifndef C_EPOLL_SHIM_H
#define C_EPOLL_SHIM_H

#include <stdint.h>
#include <sys/epoll.h>

/// Interest in reading, and in writing.
static const uint32_t ceiling_readable = EPOLLIN;
static const uint32_t ceiling_writable = EPOLLOUT;

/// A new epoll instance, or -1.
int ceiling_epoll_create(void);
/// Adds `fd` to `epfd` with `events`; 0 or -1.
int ceiling_epoll_add(int epfd, int fd, uint32_t events);
/// Changes the events `epfd` watches on `fd`; 0 or -1.
int ceiling_epoll_modify(int epfd, int fd, uint32_t events);
/// Waits for events: fills `fds` and `events` with up to `max` (at most 256), returns how many or -1.
int ceiling_epoll_wait(int epfd, int32_t *fds, uint32_t *events, int max);
/// Accepts a connection from `fd`, non-blocking and close-on-exec; -1 when none is waiting.
int ceiling_accept(int fd);

#endif
