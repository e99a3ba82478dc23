#ifndef POOL_CGLPK_H
#define POOL_CGLPK_H
#include <glpk.h>
#endif
