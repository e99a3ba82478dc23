/* The guard around every GLPK call, output capture, serialisation and interruption. */
#define _POSIX_C_SOURCE 200809L
#include "pool_glpk_internal.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

_Static_assert(POOL_GLP_UNDEF == GLP_UNDEF && POOL_GLP_FEAS == GLP_FEAS && POOL_GLP_INFEAS == GLP_INFEAS &&
               POOL_GLP_NOFEAS == GLP_NOFEAS && POOL_GLP_OPT == GLP_OPT && POOL_GLP_UNBND == GLP_UNBND,
               "status mirrors");
_Static_assert(POOL_GLP_EBADB == GLP_EBADB && POOL_GLP_ESING == GLP_ESING && POOL_GLP_ECOND == GLP_ECOND &&
               POOL_GLP_EBOUND == GLP_EBOUND && POOL_GLP_EFAIL == GLP_EFAIL && POOL_GLP_EOBJLL == GLP_EOBJLL &&
               POOL_GLP_EOBJUL == GLP_EOBJUL && POOL_GLP_EITLIM == GLP_EITLIM && POOL_GLP_ETMLIM == GLP_ETMLIM &&
               POOL_GLP_ENOPFS == GLP_ENOPFS && POOL_GLP_ENODFS == GLP_ENODFS && POOL_GLP_EROOT == GLP_EROOT &&
               POOL_GLP_ESTOP == GLP_ESTOP && POOL_GLP_EMIPGAP == GLP_EMIPGAP, "return code mirrors");

/* Captured output beyond this is dropped (a runaway log must not exhaust memory). */
#define POOL_LOG_LIMIT ((size_t)32 << 20)

static volatile sig_atomic_t stop_flag;

static pthread_mutex_t glpk_mutex = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int this_thread_holds_lock;
/* A lane of a parallel group (pool_glp_begin_group): the group's owner holds the mutex on behalf
   of its lanes, so a lane opens sessions without it. GLPK's environment is thread-local in
   Debian's build (it uses TLS), so sessions on different threads do not share any GLPK state. */
static _Thread_local int this_thread_is_lane;
static int group_active;               /* touched only while glpk_mutex is held */

/* Sessions get unique generations, so a problem handle is never taken for one of another
   session or thread (a stale handle is detected by generation). */
static unsigned long generation_source = 1;
static _Thread_local unsigned long env_generation;

/* Everything below is per thread: each thread has its own GLPK environment and hooks. */
static _Thread_local pool_glp_problem *capturing;     /* receives terminal output */
static _Thread_local jmp_buf *guard_target;           /* where a GLPK fatal error longjmps to */

/* Cancellation of the current operation from the terminal hook (pool_arm_cancellation). */
static _Thread_local int cancel_armed;
static _Thread_local double cancel_deadline;
static _Thread_local int *cancel_reason;
static _Thread_local int cancelled;

double pool_glp_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *pool_glp_version(void) {
    /* From the header rather than glp_version(), which would create a GLPK environment. */
#define POOL_STRINGIFY2(x) #x
#define POOL_STRINGIFY(x) POOL_STRINGIFY2(x)
    return POOL_STRINGIFY(GLP_MAJOR_VERSION) "." POOL_STRINGIFY(GLP_MINOR_VERSION);
}

static unsigned long next_generation(void) {
    return __atomic_add_fetch(&generation_source, 1, __ATOMIC_RELAXED);
}

int pool_glp_lock(void) {
    if (this_thread_holds_lock) return POOL_GLP_REENTERED;
    if (!this_thread_is_lane) pthread_mutex_lock(&glpk_mutex);
    this_thread_holds_lock = 1;
    env_generation = next_generation();
    return POOL_GLP_OK;
}

void pool_glp_unlock(void) {
    if (!this_thread_holds_lock) return;
    /* GLPK's environment is thread-local: free it so that no memory stays behind on this thread
       and no problem object outlives the session (stale handles are detected by generation). */
    glp_free_env();
    env_generation = 0;
    capturing = NULL;
    this_thread_holds_lock = 0;
    if (!this_thread_is_lane) pthread_mutex_unlock(&glpk_mutex);
}

int pool_glp_begin_group(void) {
    if (this_thread_holds_lock || this_thread_is_lane) return POOL_GLP_REENTERED;
    pthread_mutex_lock(&glpk_mutex);
    group_active = 1;
    stop_flag = 0;
    return POOL_GLP_OK;
}

void pool_glp_end_group(void) {
    if (!group_active) return;
    group_active = 0;
    pthread_mutex_unlock(&glpk_mutex);
}

void pool_glp_enter_lane(void) { this_thread_is_lane = 1; }
void pool_glp_leave_lane(void) { this_thread_is_lane = 0; }

static void append_log(pool_glp_problem *p, const char *s) {
    size_t n = strlen(s);
    /* tail: keep roughly the last half buffer plus the new text */
    if (n >= sizeof p->tail) {
        memcpy(p->tail, s + n - (sizeof p->tail - 1), sizeof p->tail - 1);
        p->tail_length = sizeof p->tail - 1;
    } else {
        if (p->tail_length + n >= sizeof p->tail) {
            size_t keep = sizeof p->tail / 2 < sizeof p->tail - 1 - n ? sizeof p->tail / 2 : sizeof p->tail - 1 - n;
            memmove(p->tail, p->tail + p->tail_length - keep, keep);
            p->tail_length = keep;
        }
        memcpy(p->tail + p->tail_length, s, n);
        p->tail_length += n;
    }
    p->tail[p->tail_length] = '\0';

    if (p->log_truncated) return;
    if (p->log_length + n + 1 > POOL_LOG_LIMIT) {
        static const char note[] = "\n[Pool: GLPK log truncated]\n";
        s = note;
        n = sizeof note - 1;
        p->log_truncated = 1;
    }
    if (p->log_length + n + 1 > p->log_capacity) {
        size_t capacity = p->log_capacity ? p->log_capacity : 4096;
        while (capacity < p->log_length + n + 1) capacity *= 2;
        char *grown = realloc(p->log, capacity);
        if (!grown) return;
        p->log = grown;
        p->log_capacity = capacity;
    }
    memcpy(p->log + p->log_length, s, n);
    p->log_length += n;
    p->log[p->log_length] = '\0';
}

void pool_arm_cancellation(double deadline, int *reason) {
    cancel_armed = 1;
    cancel_deadline = deadline;
    cancel_reason = reason;
}

/* glp_term_hook: keep everything, print nothing; abandon an armed operation when it is due. */
static int on_terminal_output(void *info, const char *s) {
    (void)info;
    if (capturing) append_log(capturing, s);
    if (cancel_armed && guard_target) {
        int reason = stop_flag ? POOL_STOP_USER
            : (cancel_deadline > 0 && pool_glp_now() >= cancel_deadline) ? POOL_STOP_TIME : POOL_STOP_NONE;
        if (reason != POOL_STOP_NONE) {
            if (cancel_reason) *cancel_reason = reason;
            cancelled = 1;
            longjmp(*guard_target, 1);
        }
    }
    return 1;
}

/* glp_error_hook: GLPK calls abort() when this returns, so it must not return. */
static void on_fatal_error(void *info) {
    (void)info;
    if (guard_target) longjmp(*guard_target, 1);
}

/* The last `wanted` non-empty lines of the operation's output (newest first), skipping GLPK's
   "Reading/Writing problem data" announcements when `skip_announcements`. */
static int last_lines(const pool_glp_problem *p, char lines[][512], int wanted, int skip_announcements) {
    int found = 0;
    const char *end = p->tail + p->tail_length;
    while (found < wanted && end > p->tail) {
        while (end > p->tail && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r')) end--;
        const char *start = end;
        while (start > p->tail && start[-1] != '\n') start--;
        size_t n = (size_t)(end - start);
        int announcement = (n >= 20 && (strncmp(start, "Reading problem data", 20) == 0 ||
                                        strncmp(start, "Writing problem data", 20) == 0));
        if (n > 0 && !(skip_announcements && announcement)) {
            if (n > 511) n = 511;
            memcpy(lines[found], start, n);
            lines[found][n] = '\0';
            found++;
        }
        end = start;
    }
    return found;
}

void pool_message_from_output(pool_glp_problem *p, const char *fallback) {
    /* A fatal error prints GLPK's message, then "Error detected in file … at line …". */
    char lines[2][512];
    int found = last_lines(p, lines, 2, 0);
    if (found == 0) snprintf(p->message, sizeof p->message, "%s", fallback);
    else if (found == 1) snprintf(p->message, sizeof p->message, "%s", lines[0]);
    else snprintf(p->message, sizeof p->message, "%s (%s)", lines[1], lines[0]);
}

void pool_failure_from_output(pool_glp_problem *p, const char *fallback) {
    /* An ordinary failure (reading or writing a file) ends with one line, e.g. "f.lp:5: …". */
    char lines[1][512];
    if (last_lines(p, lines, 1, 1) == 1) snprintf(p->message, sizeof p->message, "%s", lines[0]);
    else snprintf(p->message, sizeof p->message, "%s", fallback);
}

void *pool_scratch(pool_glp_problem *p, int slot, size_t bytes) {
    free(p->scratch[slot]);
    p->scratch[slot] = malloc(bytes ? bytes : 1);
    return p->scratch[slot];
}

static void free_scratch(pool_glp_problem *p) {
    for (int i = 0; i < POOL_SCRATCH_SLOTS; i++) { free(p->scratch[i]); p->scratch[i] = NULL; }
}

glp_prob *pool_new_prob(pool_glp_problem *p) {
    if (p->prob) { glp_delete_prob(p->prob); p->prob = NULL; }
    p->prob = glp_create_prob();
    p->generation = env_generation;
    return p->prob;
}

int pool_guarded(pool_glp_problem *p, int needs_problem, int (*op)(pool_glp_problem *, void *), void *arg) {
    if (!this_thread_holds_lock) {
        snprintf(p->message, sizeof p->message, "GLPK used without holding Pool's GLPK lock");
        return POOL_GLP_REENTERED;
    }
    if (guard_target) {
        snprintf(p->message, sizeof p->message, "GLPK re-entered from inside a running GLPK operation");
        return POOL_GLP_REENTERED;
    }
    if (p->prob && p->generation != env_generation) {
        p->prob = NULL;
        snprintf(p->message, sizeof p->message, "the GLPK problem no longer exists (GLPK was reset)");
        return POOL_GLP_STALE;
    }
    if (needs_problem && !p->prob) {
        snprintf(p->message, sizeof p->message, "no problem loaded");
        return POOL_GLP_NO_PROBLEM;
    }
    p->message[0] = '\0';
    p->tail_length = 0;
    p->tail[0] = '\0';
    jmp_buf target;
    capturing = p;
    glp_term_hook(on_terminal_output, NULL);
    glp_error_hook(on_fatal_error, NULL);
    guard_target = &target;
    cancelled = 0;
    if (setjmp(target) == 0) {
        int code = op(p, arg);
        guard_target = NULL;
        capturing = NULL;
        cancel_armed = 0;
        free_scratch(p);
        return code;
    }
    /* A GLPK fatal error or a cancelled operation: GLPK's state is undefined, so free the whole
       environment (which also frees every block GLPK allocated). */
    int was_cancelled = cancelled;
    guard_target = NULL;
    capturing = NULL;
    cancel_armed = 0;
    cancelled = 0;
    free_scratch(p);
    if (was_cancelled) snprintf(p->message, sizeof p->message, "cancelled");
    else pool_message_from_output(p, "GLPK fatal error");
    p->prob = NULL;
    env_generation = next_generation();
    glp_free_env();
    return was_cancelled ? POOL_GLP_CANCELLED : POOL_GLP_FATAL;
}

pool_glp_problem *pool_glp_new(void) {
    pool_glp_problem *p = calloc(1, sizeof *p);
    if (p) p->msg_level = GLP_MSG_ERR;
    return p;
}

static int op_delete(pool_glp_problem *p, void *arg) {
    (void)arg;
    glp_delete_prob(p->prob);
    p->prob = NULL;
    return POOL_GLP_OK;
}

void pool_glp_delete(pool_glp_problem *p) {
    if (!p) return;
    if (p->prob && p->generation == env_generation && this_thread_holds_lock) pool_guarded(p, 1, op_delete, NULL);
    free_scratch(p);
    free(p->log);
    free(p);
}

const char *pool_glp_message(const pool_glp_problem *p) { return p->message; }

const char *pool_glp_log(const pool_glp_problem *p, size_t *length) {
    if (length) *length = p->log_length;
    return p->log ? p->log : "";
}

void pool_glp_note(pool_glp_problem *p, const char *text) {
    append_log(p, text);
    append_log(p, "\n");
}

void pool_glp_set_message_level(pool_glp_problem *p, int level) { p->msg_level = level; }

void pool_glp_request_stop(void) { stop_flag = 1; }
/* A lane leaves the flag alone: clearing it there could swallow a stop meant for another lane
   (the group clears it once when it begins). */
void pool_glp_clear_stop(void) { if (!this_thread_is_lane) stop_flag = 0; }
int pool_glp_stop_requested(void) { return stop_flag != 0; }

static void on_sigint(int signal_number) {
    (void)signal_number;
    if (stop_flag) {
        static const char text[] = "\nInterrupted again; exiting.\n";
        ssize_t ignored = write(STDERR_FILENO, text, sizeof text - 1);
        (void)ignored;
        _exit(130);
    }
    stop_flag = 1;
}

int pool_glp_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    /* A parent may have started us with SIGINT blocked (the mask is inherited across exec). */
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, SIGINT);
    return pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL) == 0 ? 0 : -1;
}
