// The floor for the latency run: a minimal HTTP/1.1 server that answers every request with a
// fixed body exactly DELAY_MS after reading it (one timerfd per connection, an epoll loop in
// each of WORKERS processes, default one per core, as the mock has one event loop per core;
// no parsing beyond the head's end and content-length). Whatever wrk reports above
// DELAY_MS against it is the harness's own error on this machine (kernel queueing, wrk's
// turn-around on shared cores), the part no server can remove.
//
//   gcc -O2 -o delay_reference delay_reference.c && ./delay_reference PORT BODY_FILE [DELAY_MS [WORKERS]]
//
// Benchmark tooling only (Benchmarks/mock/run.sh builds and runs it on 127.0.0.1); it stops
// when killed, its worker processes with it.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define MAX_FDS 65536
#define BUFFER 65536

struct connection {
    int socket, timer;
    size_t have;           // bytes buffered of the current request
    char buffer[BUFFER];
};

static struct connection *by_fd[MAX_FDS];
static char *response;
static size_t response_length;
static long delay_ms = 100;

static void drop(int epoll, struct connection *c) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, c->socket, NULL);
    epoll_ctl(epoll, EPOLL_CTL_DEL, c->timer, NULL);
    by_fd[c->socket] = by_fd[c->timer] = NULL;
    close(c->socket);
    close(c->timer);
    free(c);
}

/// Length of the first complete request in the buffer, or 0 while it is incomplete.
static size_t complete_request(const struct connection *c) {
    const char *end = memmem(c->buffer, c->have, "\r\n\r\n", 4);
    if (!end) return 0;
    size_t head = (size_t)(end - c->buffer) + 4, body = 0;
    for (const char *p = c->buffer; p < end; p = memchr(p, '\n', (size_t)(end - p)) + 1) {
        if (strncasecmp(p, "content-length:", 15) == 0) body = strtoul(p + 15, NULL, 10);
        if (!memchr(p, '\n', (size_t)(end - p))) break;
    }
    return c->have >= head + body ? head + body : 0;
}

static void arm(struct connection *c) {
    struct itimerspec due = {.it_value = {.tv_sec = delay_ms / 1000, .tv_nsec = (delay_ms % 1000) * 1000000}};
    timerfd_settime(c->timer, 0, &due, NULL);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s PORT BODY_FILE [DELAY_MS]\n", argv[0]);
        return 2;
    }
    if (argc > 3) delay_ms = atol(argv[3]);
    long workers = argc > 4 ? atol(argv[4]) : sysconf(_SC_NPROCESSORS_ONLN);
    FILE *file = fopen(argv[2], "rb");
    if (!file) { perror(argv[2]); return 2; }
    static char body[1 << 20];
    size_t body_length = fread(body, 1, sizeof body, file);
    fclose(file);
    response = malloc(body_length + 256);
    response_length = (size_t)sprintf(response,
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %zu\r\n\r\n", body_length);
    memcpy(response + response_length, body, body_length);
    response_length += body_length;

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 4096)) {
        perror("bind");
        return 1;
    }
    printf("listening on http://127.0.0.1:%s\n", argv[1]);
    fflush(stdout);
    for (long i = 1; i < workers; i++) {
        if (fork() == 0) {  // each worker accepts from the shared socket on its own epoll
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            break;
        }
    }
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener}, events[256];
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);

    for (;;) {
        int ready = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
                    if (client >= MAX_FDS || timer < 0 || timer >= MAX_FDS) { close(client); if (timer >= 0) close(timer); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct connection *c = calloc(1, sizeof *c);
                    c->socket = client;
                    c->timer = timer;
                    by_fd[client] = by_fd[timer] = c;
                    event.data.fd = client;
                    epoll_ctl(epoll, EPOLL_CTL_ADD, client, &event);
                    event.data.fd = timer;
                    epoll_ctl(epoll, EPOLL_CTL_ADD, timer, &event);
                }
                continue;
            }
            struct connection *c = by_fd[fd];
            if (!c) continue;
            if (fd == c->timer) {  // due: answer and take the next buffered request, if any
                uint64_t expirations;
                if (read(fd, &expirations, sizeof expirations) < 0) continue;
                size_t length = complete_request(c);
                if (write(c->socket, response, response_length) < 0) { drop(epoll, c); continue; }
                memmove(c->buffer, c->buffer + length, c->have - length);
                c->have -= length;
                if (complete_request(c)) arm(c);
                continue;
            }
            ssize_t got = read(fd, c->buffer + c->have, BUFFER - c->have);
            if (got <= 0) {
                if (got == 0 || errno != EAGAIN) drop(epoll, c);
                continue;
            }
            int waiting = complete_request(c) != 0;
            c->have += (size_t)got;
            if (!waiting && complete_request(c)) arm(c);
        }
    }
}
