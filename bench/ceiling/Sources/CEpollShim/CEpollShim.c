#define _GNU_SOURCE
#include "CEpollShim.h"

#include <sys/socket.h>

int ceiling_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static int control(int epfd, int op, int fd, uint32_t events) {
    struct epoll_event event = {.events = events, .data.fd = fd};
    return epoll_ctl(epfd, op, fd, &event);
}

int ceiling_epoll_add(int epfd, int fd, uint32_t events) { return control(epfd, EPOLL_CTL_ADD, fd, events); }

int ceiling_epoll_modify(int epfd, int fd, uint32_t events) { return control(epfd, EPOLL_CTL_MOD, fd, events); }

int ceiling_epoll_wait(int epfd, int32_t *fds, uint32_t *events, int max) {
    struct epoll_event ready[256];
    int count = epoll_wait(epfd, ready, max < 256 ? max : 256, -1);
    for (int i = 0; i < count; i++) {
        fds[i] = ready[i].data.fd;
        events[i] = ready[i].events;
    }
    return count;
}

int ceiling_accept(int fd) { return accept4(fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC); }
