/* glp_simplex and glp_intopt, with the branch-and-cut callback that reports progress, enforces
   the time limit over the whole solve, honours stop requests and offers the warm start. */
#include "pool_glpk_internal.h"
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Remaining time in GLPK's milliseconds, or INT_MAX for none. */
static int remaining_ms(const pool_glp_solve_params *params) {
    if (params->time_limit <= 0) return INT_MAX;
    double left = params->time_limit - (pool_glp_now() - params->started);
    if (left <= 0.001) return 1;
    double ms = ceil(left * 1000.0);
    return ms >= (double)INT_MAX ? INT_MAX : (int)ms;
}

typedef struct { const pool_glp_solve_params *params; pool_glp_outcome *out; } solve_args;

static int op_simplex(pool_glp_problem *p, void *arg) {
    const solve_args *a = arg;
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = a->params->msg_level;
    parm.presolve = a->params->presolve ? GLP_ON : GLP_OFF;
    if (a->params->dual_simplex) parm.meth = GLP_DUALP;
    parm.tm_lim = remaining_ms(a->params);
    a->out->glpk_return = glp_simplex(p->prob, &parm);
    a->out->status = glp_get_status(p->prob);
    a->out->objective = glp_get_obj_val(p->prob);
    return POOL_GLP_OK;
}

int pool_glp_simplex(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out) {
    memset(out, 0, sizeof *out);
    solve_args a = { params, out };
    return pool_guarded(p, 1, op_simplex, &a);
}

typedef struct {
    const pool_glp_solve_params *params;
    pool_glp_outcome *out;
    const double *warm;        /* 1-based, integer columns rounded; NULL when none */
    int columns;
    double last_report;
    int report_now;
    int has_incumbent, has_bound, active;
    double incumbent, bound, gap;
    long nodes;                /* distinct subproblems the callback has seen being processed */
    int current_node;
} tree_state;

static void note_tree(glp_tree *tree, tree_state *s) {
    int best = glp_ios_best_node(tree);
    if (best) {
        double b = glp_ios_node_bound(tree, best);
        if (fabs(b) < 0.1 * DBL_MAX) { s->bound = b; s->has_bound = 1; }
    }
    int active, current, total;
    glp_ios_tree_size(tree, &active, &current, &total);
    s->active = active;
    s->gap = s->has_incumbent ? glp_ios_mip_gap(tree) : DBL_MAX;
}

static void on_tree(glp_tree *tree, void *info) {
    tree_state *s = info;
    const pool_glp_solve_params *params = s->params;
    double now = pool_glp_now();
    int reason = glp_ios_reason(tree);
    glp_prob *mip = glp_ios_get_prob(tree);
    int node = glp_ios_curr_node(tree);
    if (node != 0 && node != s->current_node) { s->current_node = node; s->nodes++; }

    if (pool_glp_stop_requested()) {
        if (!s->out->stop) s->out->stop = POOL_STOP_USER;
        glp_ios_terminate(tree);
    } else if (params->time_limit > 0 && now - params->started >= params->time_limit) {
        if (!s->out->stop) s->out->stop = POOL_STOP_TIME;
        glp_ios_terminate(tree);
    }

    /* The warm start goes in once, at the first heuristic request (the root, after its LP).
       The tree's problem must be the original: with the MIP presolver on it is the presolved
       problem, whose columns do not correspond (see docs/glpk-backend.md). */
    if (reason == GLP_IHEUR && s->warm && !s->out->warm_start_offered) {
        s->out->warm_start_offered = 1;
        if (glp_get_num_cols(mip) == s->columns && glp_ios_heur_sol(tree, s->warm) == 0) {
            s->out->warm_start_accepted = 1;
            s->report_now = 1;
        }
    }

    int status = glp_mip_status(mip);
    if (status == GLP_FEAS || status == GLP_OPT) {
        s->incumbent = glp_mip_obj_val(mip);
        s->has_incumbent = 1;
    }
    int due = params->progress && now - s->last_report >= params->progress_interval;
    if (reason == GLP_ISELECT || reason == GLP_IBINGO || due || s->report_now) note_tree(tree, s);

    if (params->progress && (due || s->report_now)) {
        pool_glp_progress progress = {
            .has_incumbent = s->has_incumbent, .incumbent = s->incumbent,
            .has_bound = s->has_bound, .bound = s->bound,
            .gap = s->gap, .active_nodes = s->active, .nodes = s->nodes,
            .elapsed_seconds = now - params->started,
        };
        s->last_report = now;
        s->report_now = 0;
        params->progress(params->progress_context, &progress);
    }
}

static int op_intopt(pool_glp_problem *p, void *arg) {
    const solve_args *a = arg;
    const pool_glp_solve_params *params = a->params;
    glp_prob *P = p->prob;
    tree_state s;
    memset(&s, 0, sizeof s);
    s.params = params;
    s.out = a->out;
    s.columns = glp_get_num_cols(P);
    s.last_report = params->started;
    if (params->warm_start && !params->presolve) {
        double *warm = pool_scratch(p, 0, sizeof(double) * (size_t)(s.columns + 1));
        if (!warm) { snprintf(p->message, sizeof p->message, "out of memory for the warm start"); return POOL_GLP_NO_MEMORY; }
        warm[0] = 0;
        for (int j = 1; j <= s.columns; j++) {
            double x = params->warm_start[j - 1];
            /* glp_ios_heur_sol rejects integer columns that are not exactly integral */
            warm[j] = glp_get_col_kind(P, j) == GLP_CV ? x : nearbyint(x);
        }
        s.warm = warm;
    }

    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = params->msg_level;
    parm.presolve = params->presolve ? GLP_ON : GLP_OFF;
    parm.mip_gap = params->mip_gap;
    parm.tm_lim = remaining_ms(params);
    parm.gmi_cuts = (params->cuts & POOL_CUT_GMI) ? GLP_ON : GLP_OFF;
    parm.mir_cuts = (params->cuts & POOL_CUT_MIR) ? GLP_ON : GLP_OFF;
    parm.cov_cuts = (params->cuts & POOL_CUT_COVER) ? GLP_ON : GLP_OFF;
    parm.clq_cuts = (params->cuts & POOL_CUT_CLIQUE) ? GLP_ON : GLP_OFF;
    parm.cb_func = on_tree;
    parm.cb_info = &s;

    a->out->glpk_return = glp_intopt(P, &parm);
    a->out->status = glp_mip_status(P);
    a->out->objective = glp_mip_obj_val(P);
    a->out->has_bound = s.has_bound;
    a->out->bound = s.bound;
    a->out->nodes = s.nodes;
    return POOL_GLP_OK;
}

int pool_glp_intopt(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out) {
    memset(out, 0, sizeof *out);
    solve_args a = { params, out };
    return pool_guarded(p, 1, op_intopt, &a);
}

static int op_interior(pool_glp_problem *p, void *arg) {
    const solve_args *a = arg;
    glp_iptcp parm;
    glp_init_iptcp(&parm);
    /* The hook that enforces the deadline runs on GLPK's per-iteration output line. */
    parm.msg_lev = a->params->msg_level > GLP_MSG_ON ? a->params->msg_level : GLP_MSG_ON;
    pool_arm_cancellation(a->params->time_limit > 0 ? a->params->started + a->params->time_limit : 0,
                          &a->out->stop);
    a->out->glpk_return = glp_interior(p->prob, &parm);
    a->out->status = glp_ipt_status(p->prob);
    a->out->objective = glp_ipt_obj_val(p->prob);
    return POOL_GLP_OK;
}

int pool_glp_interior(pool_glp_problem *p, const pool_glp_solve_params *params, pool_glp_outcome *out) {
    memset(out, 0, sizeof *out);
    solve_args a = { params, out };
    return pool_guarded(p, 1, op_interior, &a);
}

typedef struct { double *values, *row_duals, *reduced_costs; } ipt_args;

static int op_interior_solution(pool_glp_problem *p, void *arg) {
    const ipt_args *a = arg;
    int m = glp_get_num_rows(p->prob), n = glp_get_num_cols(p->prob);
    for (int j = 1; j <= n; j++) {
        a->values[j - 1] = glp_ipt_col_prim(p->prob, j);
        a->reduced_costs[j - 1] = glp_ipt_col_dual(p->prob, j);
    }
    for (int i = 1; i <= m; i++) a->row_duals[i - 1] = glp_ipt_row_dual(p->prob, i);
    return POOL_GLP_OK;
}

int pool_glp_interior_solution(pool_glp_problem *p, double *values, double *row_duals, double *reduced_costs) {
    ipt_args a = { values, row_duals, reduced_costs };
    return pool_guarded(p, 1, op_interior_solution, &a);
}
