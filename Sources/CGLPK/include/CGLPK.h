#ifndef POOL_CGLPK_H
#define POOL_CGLPK_H
/*
 * Pool's shim over GLPK 5.0. Swift never calls glpk.h directly: every GLPK call runs inside this
 * shim under a setjmp guard with glp_error_hook installed. A GLPK fatal error (which would
 * otherwise abort() the process) longjmps back into the guard — in C, never across Swift frames —
 * the shim calls glp_free_env() to reset GLPK, and the operation returns POOL_GLP_FATAL with the
 * captured message. GLPK's terminal output is captured into a per-problem log (glp_term_hook),
 * never printed.
 *
 * Threading: GLPK keeps all its state in a thread-local environment (Debian's build uses TLS), so
 * sessions on different threads share nothing, but the shim's hooks and Pool's tests assume one
 * solve at a time. All GLPK use in the process is serialised by one global lock: take it with
 * pool_glp_lock(), do all work on one problem on that thread, and release it with
 * pool_glp_unlock(), which frees the thread's GLPK environment so that no problem object outlives
 * its session. The one exception is a parallel group: its owner takes the lock once with
 * pool_glp_begin_group() for all its lanes; a thread that has called pool_glp_enter_lane() then
 * opens sessions without the lock, so the lanes solve side by side while every other thread waits.
 */
#include <stddef.h>

/* Result of every shim operation. */
enum {
    POOL_GLP_OK = 0,
    /* GLPK raised a fatal error; it was caught and GLPK was reset (all problem objects are gone). */
    POOL_GLP_FATAL = 1,
    /* GLPK reported an ordinary failure (e.g. a file could not be read or written); see the message. */
    POOL_GLP_FAILED = 2,
    /* The problem object no longer exists: GLPK was reset since it was created. */
    POOL_GLP_STALE = 3,
    /* The operation needs a loaded problem. */
    POOL_GLP_NO_PROBLEM = 4,
    POOL_GLP_NO_MEMORY = 5,
    /* GLPK was entered again from inside a running GLPK operation on the same thread (e.g. from a
       progress callback), which GLPK does not support. */
    POOL_GLP_REENTERED = 6,
    /* A cancellable operation (pool_glp_interior) was stopped at its deadline or by a stop
       request; like a fatal error, GLPK was reset (all problem objects are gone). */
    POOL_GLP_CANCELLED = 7,
};

/* Mirrors of the glpk.h constants that Swift needs (checked against glpk.h in the shim). */
enum {
    POOL_GLP_UNDEF = 1, POOL_GLP_FEAS = 2, POOL_GLP_INFEAS = 3, POOL_GLP_NOFEAS = 4,
    POOL_GLP_OPT = 5, POOL_GLP_UNBND = 6,
};
enum {
    POOL_GLP_EBADB = 0x01, POOL_GLP_ESING = 0x02, POOL_GLP_ECOND = 0x03, POOL_GLP_EBOUND = 0x04,
    POOL_GLP_EFAIL = 0x05, POOL_GLP_EOBJLL = 0x06, POOL_GLP_EOBJUL = 0x07, POOL_GLP_EITLIM = 0x08,
    POOL_GLP_ETMLIM = 0x09, POOL_GLP_ENOPFS = 0x0A, POOL_GLP_ENODFS = 0x0B, POOL_GLP_EROOT = 0x0C,
    POOL_GLP_ESTOP = 0x0D, POOL_GLP_EMIPGAP = 0x0E, POOL_GLP_ENOCVG = 0x10, POOL_GLP_EINSTAB = 0x11,
};

/* Column kinds and row senses as passed to pool_glp_load (the order of Pool's enums). */
enum { POOL_COL_CONTINUOUS = 0, POOL_COL_INTEGER = 1, POOL_COL_BINARY = 2 };
enum { POOL_ROW_LE = 0, POOL_ROW_GE = 1, POOL_ROW_EQ = 2 };

/* Row types of a problem read from a file (pool_glp_extract). */
enum { POOL_ROW_FREE = 0, POOL_ROW_LOWER = 1, POOL_ROW_UPPER = 2, POOL_ROW_RANGE = 3, POOL_ROW_FIXED = 4 };

/* Cut generators of glp_intopt (bit set). */
enum { POOL_CUT_GMI = 1, POOL_CUT_MIR = 2, POOL_CUT_COVER = 4, POOL_CUT_CLIQUE = 8 };

enum { POOL_FILE_LP = 0, POOL_FILE_MPS = 1 };

/* Why glp_intopt stopped early on the shim's own request. */
enum { POOL_STOP_NONE = 0, POOL_STOP_TIME = 1, POOL_STOP_USER = 2 };

typedef struct pool_glp_problem pool_glp_problem;

/* A whole model, column-wise bounds and row-wise (CSR) constraints, 0-based. */
typedef struct {
    const char *name;              /* problem name, may be NULL */
    int maximize;
    double objective_constant;
    int columns;
    const int *kinds;              /* POOL_COL_*; NULL = all continuous */
    const double *lower, *upper;   /* ±HUGE_VAL for no bound */
    const double *objective;
    int rows;
    const int *senses;             /* POOL_ROW_LE/GE/EQ */
    const double *rhs;
    const long *row_start;         /* rows + 1 entries */
    const int *entry_columns;      /* 0-based */
    const double *entry_values;
    /* Names as consecutive NUL-terminated strings (one per column / row), or NULL for none. */
    const char *column_names;
    const char *row_names;
    const char *objective_name;    /* may be NULL */
} pool_glp_model;

/* A snapshot of branch-and-cut, passed to the progress callback. */
typedef struct {
    int has_incumbent;
    double incumbent;
    int has_bound;
    double bound;
    double gap;                    /* glp_ios_mip_gap; meaningful with both of the above */
    int active_nodes;
    long nodes;                    /* subproblems processed so far */
    double elapsed_seconds;
} pool_glp_progress;

/* Called from inside glp_intopt; must not call GLPK or the shim. */
typedef void (*pool_glp_progress_fn)(void *context, const pool_glp_progress *progress);

typedef struct {
    int msg_level;                 /* 0 off, 1 errors, 2 normal, 3 all (GLP_MSG_*) */
    double time_limit;             /* seconds from `started`; <= 0 for none */
    double started;                /* pool_glp_now() when the whole solve began */
    double mip_gap;
    int presolve;
    int dual_simplex;              /* glp_simplex: 1 for GLP_DUALP (dual, then primal if it fails) */
    int cuts;                      /* POOL_CUT_* */
    const double *warm_start;      /* one value per column (0-based) or NULL; MIP needs presolve off */
    pool_glp_progress_fn progress;
    void *progress_context;
    double progress_interval;      /* seconds */
} pool_glp_solve_params;

typedef struct {
    int glpk_return;               /* return code of glp_simplex / glp_intopt */
    int status;                    /* glp_get_status or glp_mip_status */
    double objective;
    int has_bound;                 /* MIP: best bound seen in the search tree */
    double bound;
    long nodes;
    int stop;                      /* POOL_STOP_* */
    int warm_start_offered;
    int warm_start_accepted;
} pool_glp_outcome;

typedef struct {
    int rows, columns, nonzeros;
    size_t row_name_bytes, column_name_bytes;  /* including one NUL per name */
    int maximize;
    double objective_constant;
} pool_glp_sizes;

/* Caller-allocated arrays sized from pool_glp_sizes. */
typedef struct {
    int *kinds;                    /* POOL_COL_* */
    double *lower, *upper, *objective;
    int *row_types;                /* POOL_ROW_FREE … */
    double *row_lower, *row_upper;
    long *row_start;               /* rows + 1 */
    int *entry_columns;            /* 0-based */
    double *entry_values;
    char *row_names, *column_names;  /* NUL-separated; an unnamed row or column gives "" */
} pool_glp_extracted;

/* Serialisation; POOL_GLP_REENTERED if this thread already holds the lock. */
int pool_glp_lock(void);
void pool_glp_unlock(void);
/* A parallel group: begin takes the global lock for the group's lanes and clears the stop flag
   (POOL_GLP_REENTERED if this thread holds a session or is a lane itself); each lane thread
   brackets its work with enter/leave; end releases the lock once every lane has left. */
int pool_glp_begin_group(void);
void pool_glp_end_group(void);
void pool_glp_enter_lane(void);
void pool_glp_leave_lane(void);

double pool_glp_now(void);         /* monotonic seconds */
const char *pool_glp_version(void); /* the GLPK version compiled against, e.g. "5.0" */

pool_glp_problem *pool_glp_new(void);
/* Deletes the GLPK object (when it still exists) and frees the handle. Call under the lock. */
void pool_glp_delete(pool_glp_problem *p);

/* The message of the last failed operation, and all captured GLPK output so far. */
const char *pool_glp_message(const pool_glp_problem *p);
const char *pool_glp_log(const pool_glp_problem *p, size_t *length);
/* Appends Pool's own line to the captured log, in order with GLPK's output. */
void pool_glp_note(pool_glp_problem *p, const char *text);
/* msg_lev for operations that are not solves (load, read, write). */
void pool_glp_set_message_level(pool_glp_problem *p, int level);

int pool_glp_load(pool_glp_problem *p, const pool_glp_model *m, int ignore_integrality);
int pool_glp_simplex(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out);
int pool_glp_intopt(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out);
/* glp_interior (the primal-dual interior-point method; no basis). GLPK's interior point has no
   time limit and no callback, so the shim cancels it from the terminal-output hook, which GLPK
   calls once per iteration: at params->time_limit or on a stop request the hook longjmps back to
   the guard, GLPK is reset, and the call returns POOL_GLP_CANCELLED with out->stop set. */
int pool_glp_interior(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out);
/* Column values and row/column duals of the interior-point solution. */
int pool_glp_interior_solution(pool_glp_problem *p, double *values, double *row_duals, double *reduced_costs);
/* Column values of the basic (mip = 0) or MIP (mip = 1) solution. */
int pool_glp_primal(pool_glp_problem *p, int mip, double *values);
int pool_glp_duals(pool_glp_problem *p, double *row_duals, double *reduced_costs);
/* Basis statuses, 0-based, one per row and column (GLP_BS = 1, NL = 2, NU = 3, NF = 4, NS = 5).
   Setting needs codes in 1…5; glp_simplex then starts from that basis (with presolve off). */
int pool_glp_get_basis(pool_glp_problem *p, int *row_stat, int *col_stat);
int pool_glp_set_basis(pool_glp_problem *p, const int *row_stat, const int *col_stat);

int pool_glp_write(pool_glp_problem *p, int format, const char *path);
/* Replaces the problem by the file's. MPS is tried as free MPS, then as fixed MPS. */
int pool_glp_read(pool_glp_problem *p, int format, const char *path);
int pool_glp_sizes_of(pool_glp_problem *p, pool_glp_sizes *out);
int pool_glp_extract(pool_glp_problem *p, const pool_glp_extracted *out);

/* Test hook: sets a column's bounds with no checking, so that GLPK itself rejects a bad index
   with glp_error (used to show that a fatal error is caught and GLPK keeps working). */
int pool_glp_set_column_bounds_unchecked(pool_glp_problem *p, int column, double lower, double upper);

/* Interruption: async-signal-safe, only sets a volatile sig_atomic_t that the branch-and-cut
   callback polls (glp_ios_terminate). */
void pool_glp_request_stop(void);
/* No effect in a lane of a parallel group: there it could swallow a stop meant for another lane. */
void pool_glp_clear_stop(void);
int pool_glp_stop_requested(void);
/* SIGINT handler for command-line tools: the first Ctrl-C requests a stop, a second one exits
   at once with status 130. Returns 0 on success. */
int pool_glp_install_sigint_handler(void);

#endif
