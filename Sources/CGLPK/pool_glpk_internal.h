/* Shared between the shim's C files; not visible to Swift. */
#ifndef POOL_GLPK_INTERNAL_H
#define POOL_GLPK_INTERNAL_H
#include <glpk.h>
#include "CGLPK.h"

enum { POOL_SCRATCH_SLOTS = 4 };

struct pool_glp_problem {
    glp_prob *prob;
    unsigned long generation;       /* environment generation the problem was created in */
    int msg_level;
    char *log;                      /* all captured GLPK output (malloc, survives glp_free_env) */
    size_t log_length, log_capacity;
    int log_truncated;
    char tail[2048];                /* the last output, for composing error messages */
    size_t tail_length;
    char message[1024];
    void *scratch[POOL_SCRATCH_SLOTS];  /* malloc'd per operation; freed by the guard even after a longjmp */
};

/* Runs `op` with the error and terminal hooks installed and a setjmp target set. Returns the op's
   own code, or POOL_GLP_FATAL after a caught GLPK error (the environment is then reset). */
int pool_guarded(pool_glp_problem *p, int needs_problem, int (*op)(pool_glp_problem *, void *), void *arg);

/* Arms cancellation for the next guarded operation: the terminal hook then abandons it (longjmp
   to the guard, which returns POOL_GLP_CANCELLED) once pool_glp_now() >= deadline (when > 0) or
   a stop is requested. `*reason` receives POOL_STOP_TIME or POOL_STOP_USER. */
void pool_arm_cancellation(double deadline, int *reason);

/* A problem object created in the current environment generation. */
glp_prob *pool_new_prob(pool_glp_problem *p);

/* malloc into a scratch slot (freed when the guarded operation ends); NULL when out of memory. */
void *pool_scratch(pool_glp_problem *p, int slot, size_t bytes);

/* Set p->message from the captured output of the current operation: after a fatal error, and
   after an ordinary failure such as a file GLPK could not read. */
void pool_message_from_output(pool_glp_problem *p, const char *fallback);
void pool_failure_from_output(pool_glp_problem *p, const char *fallback);

#endif
