// SPDX-License-Identifier: GPL-2.0-only
/// Test kthread_run() results with IS_ERR(), not against NULL
///
/// kthread_run(), kthread_create(), kthread_create_on_node(),
/// kthread_run_on_cpu() and kthread_create_on_cpu() return an ERR_PTR()
/// on failure, never NULL. A NULL, zero or truth test of the value they
/// return lets a failed start through as if it had worked, and the error
/// pointer later reaches wake_up_process() or kthread_stop(). The test of
/// the raw result becomes IS_ERR(); where the failure branch only returns
/// an error code, or first sets one, the code becomes PTR_ERR() of the
/// pointer. A NULL test that guards kthread_stop() on a pointer that can
/// still hold an error pointer (its start was not checked, or a failed
/// start did not end the function) becomes IS_ERR_OR_NULL().
///
//# Only the first test of the value assigned by the call is rewritten,
//# before anything else reads or reassigns it. Values returned through a
//# function of the file are not followed: a wrapper that turns an error
//# pointer into NULL makes NULL tests of its result right.
//
// Confidence: High
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The rewrites of the tests are purely local; the guards of
//  kthread_stop() are decided per file, by function and task pointer.
// Options: --no-includes --include-headers
// Keywords: kthread_run, kthread_create, IS_ERR, PTR_ERR, IS_ERR_OR_NULL

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *


class Facts:
    def __init__(self):
        self.creations = []   # every creation call
        self.tests = []       # first tests of a creation result
        self.locals = {}      # function -> local names
        self.guards = []      # tests that guard kthread_stop()
        self.decision = None


current = [None, None]


def start_file(pos):
    """Forget the previous file when the first rule meets a new one."""
    if current[1] != pos[0].file:
        current[0] = Facts()
        current[1] = pos[0].file


def facts():
    return current[0]


def element(pos):
    name = pos[0].current_element
    return None if name == 'something_else' else name


def at(pos):
    return (int(pos[0].line), int(pos[0].column))


def note_creation(pc, creator):
    f = facts()
    if any(c['at'] == at(pc) for c in f.creations):
        return
    f.creations.append({'creator': creator, 'at': at(pc), 'pos': pc,
                        'func': element(pc), 'target': None})


def creation_at(pc):
    for c in facts().creations:
        if c['at'] == at(pc):
            return c
    return None


def note_target(pc, t):
    c = creation_at(pc)
    if c is not None:
        c['target'] = strip_parens(toks(t))


def unwrap(ts, names):
    """ts without one wrapping likely()/unlikely() from names."""
    ts = strip_parens(ts)
    call = as_call(ts)
    if call and call[0] in names and len(call[1]) == 1:
        return strip_parens(call[1][0])
    return ts


def test_form(cond, t):
    """How cond tests the task pointer t: 'fail' (true when the start
    failed, as a NULL test), 'ok' (true when it worked, as a truth test),
    'iserr' / 'notiserr' (IS_ERR() or IS_ERR_OR_NULL() already) or
    None. The forms are exactly those the rewriting rules match."""
    cond = strip_parens(cond)
    c = unwrap(cond, ('unlikely',))
    if c in (['!'] + t, t + ['==', 'NULL'], ['NULL', '=='] + t,
             t + ['==', '0'], ['0', '=='] + t):
        return 'fail'
    c = unwrap(cond, ('likely',))
    if c in (t, t + ['!=', 'NULL'], ['NULL', '!='] + t, t + ['!=', '0'],
             ['0', '!='] + t):
        return 'ok'
    neg = False
    c = unwrap(cond, ('likely', 'unlikely'))
    if c[:1] == ['!']:
        neg, c = True, strip_parens(c[1:])
    call = as_call(c)
    if call and call[0] in ('IS_ERR', 'IS_ERR_OR_NULL') and \
            len(call[1]) == 1 and strip_parens(call[1][0]) == t:
        return 'notiserr' if neg else 'iserr'
    return None


def tests_task(cond, t):
    """Whether cond is one of the tests of task pointer t that
    test_form() knows: a constraint, so that the matching of the first
    test follows only the ifs that can be it."""
    return test_form(toks(cond), strip_parens(toks(t))) is not None


CREATORS = ('kthread_run', 'kthread_create', 'kthread_create_on_node',
            'kthread_run_on_cpu', 'kthread_create_on_cpu')


def inline_form(cond):
    """(target tokens, form) when cond tests a start assigned inside it:
    "!(t = kthread_run(...))", "(t = ...) == NULL", "NULL == (t = ...)"
    ('fail') or "IS_ERR(t = ...)" ('iserr'); None otherwise."""
    cond = strip_parens(cond)
    call = as_call(cond)
    if cond[:1] == ['!']:
        inner, form = cond[1:], 'fail'
    elif call and call[0] in ('IS_ERR', 'IS_ERR_OR_NULL') and \
            len(call[1]) == 1:
        inner, form = call[1][0], 'iserr'
    else:
        sides = split_top(cond, '==')
        if len(sides) != 2 or ['NULL'] not in sides:
            return None
        inner = sides[0] if sides[1] == ['NULL'] else sides[1]
        form = 'fail'
    inner = strip_parens(inner)
    parts = split_top(inner, '=')
    if len(parts) != 2 or not split_lvalue(parts[0]):
        return None
    call = as_call(parts[1])
    if not call or call[0] not in CREATORS:
        return None
    return strip_parens(parts[0]), form


def is_inline_test(cond):
    return inline_form(toks(cond)) is not None


def note_inline_test(cond, pt, then, other):
    """A start assigned inside the condition of its test: the creation
    on the line of the test, inside it."""
    line, col = at(pt)
    for c in facts().creations:
        if c['at'][0] == line and c['at'][1] > col and \
                c['func'] == element(pt):
            t, form = inline_form(toks(cond))
            note_test(c, t, cond, pt, then, other, form)
            return


def note_test(c, t, cond, pt, then, other, form=None):
    """A test of the result of start c, reached from it before anything
    else reads the pointer (on some path)."""
    f = facts()
    if c is None or any(x['at'] == at(pt) for x in f.tests):
        return
    t = strip_parens(toks(t)) if isinstance(t, str) else t
    form = form or test_form(toks(cond), t)
    if form is None:
        return
    if c['target'] is None:
        c['target'] = t
    failure = toks(then) if form in ('fail', 'iserr') else \
        (toks(other) or None)
    f.tests.append({'pc': c['at'], 'creation': c, 'target': t,
                    'form': form, 'pos': pt, 'at': at(pt),
                    'cond': toks(cond), 'failure': failure})


def ends_or_clears(branch, t):
    """Does a failure branch end the function or clear the pointer?"""
    if branch is None:
        return False
    body = branch[1:-1] if branch[:1] == ['{'] else branch
    stmts = [body[a:b] for a, b in statements(body)]
    if stmts and stmts[-1][:1] and stmts[-1][0] in ('return', 'goto'):
        return True
    return any(st in (t + ['=', 'NULL', ';'], t + ['=', '0', ';'])
               for st in stmts)


def task_key(ts, func):
    """Key naming the storage of a task pointer: a global, a member of
    any structure, or a local of func."""
    ts = strip_parens(ts)
    key = lvalue_key(ts)
    if key and key.startswith('g:') and \
            ts[0] in facts().locals.get(func, ()):
        return 'l:%s:%s' % (func, ts[0])
    return key


def unsafe(f):
    """Keys of task pointers that may hold an error pointer: a start
    whose result is stored unchecked, or whose failure does not end the
    function or clear the pointer."""
    out = {}
    for c in f.creations:
        if c['target'] is None:
            continue
        tests = [x for x in f.tests if x['pc'] == c['at']]
        if any(ends_or_clears(x['failure'], c['target']) for x in tests):
            continue
        key = task_key(c['target'], c['func'])
        why = 'is stored unchecked' if not tests else \
            'can fail without ending %s()' % c['func']
        out.setdefault(key, (c, why))
    return out


def guard_target(cond):
    """X when cond is a truth or non-NULL test of X."""
    c = unwrap(cond, ('likely',))
    for op in ('!=',):
        sides = split_top(c, op)
        if len(sides) == 2:
            if strip_parens(sides[1]) in (['NULL'], ['0']):
                return strip_parens(sides[0])
            if strip_parens(sides[0]) in (['NULL'], ['0']):
                return strip_parens(sides[1])
            return None
    if split_lvalue(c):
        return c
    return None


def stops_some_task(stmt):
    return 'kthread_stop' in toks(stmt)


def stops_task(stmt, x):
    ts = toks(stmt)
    want = ['kthread_stop', '('] + strip_parens(toks(x)) + [')']
    return any(ts[i:i + len(want)] == want for i in range(len(ts)))


def note_guard(pg, cond, stmt):
    x = guard_target(toks(cond))
    if not x or not stops_task(stmt, text(x)):
        return
    g = {'pos': pg, 'at': at(pg), 'func': element(pg), 'target': x}
    f = facts()
    if all(o['at'] != g['at'] for o in f.guards):
        f.guards.append(g)


def decide(f):
    if f.decision is None:
        bad = unsafe(f)
        for g in f.guards:
            g['bad'] = bad.get(task_key(g['target'], g['func']))
        f.decision = True
    return f


def creator_name(c):
    return c['creator'] + '()'


def findings(f):
    decide(f)
    out = []
    for x in f.tests:
        if x['form'] in ('fail', 'ok'):
            out.append((x['pos'], 'WARNING: %s returns an ERR_PTR() on '
                        'failure, never NULL: test %s with IS_ERR()'
                        % (creator_name(x['creation']), text(x['target']))))
    for g in f.guards:
        if g['bad']:
            c, why = g['bad']
            out.append((g['pos'], 'WARNING: %s may hold an ERR_PTR(): its '
                        '%s in %s() %s, and this test lets it through to '
                        'kthread_stop(); use IS_ERR_OR_NULL()'
                        % (text(g['target']), creator_name(c), c['func'],
                           why)))
    out.sort(key=lambda x: at(x[0]))
    return out


def refusals(f):
    decide(f)
    out = []
    for g in f.guards:
        if not g['bad']:
            out.append((g['pos'], 'WARNING: NULL test before '
                        'kthread_stop(%s) left alone: no start in this file '
                        'leaves an ERR_PTR() in it' % text(g['target'])))
    return out


def is_finding(p):
    f = current[0]
    return f is not None and any(at(pos) == at(p)
                                 for pos, msg in findings(f))


def first_time(*what):
    seen = facts().__dict__.setdefault('handed', set())
    if what in seen:
        return False
    seen.add(what)
    return True

// ---------------------------------------------------------------------
// Facts: the starts, their first tests, the tests before kthread_stop().

// Spelled out, not an identifier set, so that spatch derives a grep
// query from these names and only parses the files that use them.
@kthread_calls@
@@

(
kthread_run(...)
|
kthread_create(...)
|
kthread_create_on_node(...)
|
kthread_run_on_cpu(...)
|
kthread_create_on_cpu(...)
)

@creation depends on kthread_calls@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
position pc;
@@

creator@pc(...)

@script:python@
creator << creation.creator;
pc << creation.pc;
@@

start_file(pc)
note_creation(pc, creator)

@creation_store depends on creation@
identifier creation.creator;
position creation.pc;
expression T;
@@

T = creator@pc(...)

@script:python@
pc << creation.pc;
t << creation_store.T;
@@

note_target(pc, t)

@locals depends on creation@
type TY;
identifier I;
expression E;
position p;
@@

(
TY I@p;
|
TY I@p = E;
)

@script:python@
i << locals.I;
p << locals.p;
@@

if element(p) not in (None, i):
    facts().locals.setdefault(element(p), set()).add(i)

@test_assign depends on creation_store
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creation.creator;
position creation.pc;
expression creation_store.T;
expression C : script:python(T) { tests_task(C, T) };
position pt;
statement S1, S2;
@@

T = creator@pc(...);
... when != T
(
if (C@pt) S1 else S2
|
if (C@pt) S1
)

@script:python@
pc << creation.pc;
t << creation_store.T;
c << test_assign.C;
pt << test_assign.pt;
s1 << test_assign.S1;
s2 << test_assign.S2 = "";
@@

note_test(creation_at(pc), t, c, pt, s1, s2)

@creation_decl depends on creation@
identifier creation.creator;
position creation.pc;
type TY;
identifier I;
@@

TY I = creator@pc(...);

@test_decl depends on creation_decl
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creation.creator;
position creation.pc;
type creation_decl.TY;
identifier creation_decl.I;
expression C : script:python(I) { tests_task(C, I) };
position pt;
statement S1, S2;
@@

TY I = creator@pc(...);
... when != I
(
if (C@pt) S1 else S2
|
if (C@pt) S1
)

@script:python@
pc << creation.pc;
i << creation_decl.I;
c << test_decl.C;
pt << test_decl.pt;
s1 << test_decl.S1;
s2 << test_decl.S2 = "";
@@

note_test(creation_at(pc), i, c, pt, s1, s2)

@test_inline depends on creation
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren@
expression C : script:python() { is_inline_test(C) };
position pt;
statement S1, S2;
@@

(
if (C@pt) S1 else S2
|
if (C@pt) S1
)

@script:python@
c << test_inline.C;
pt << test_inline.pt;
s1 << test_inline.S1;
s2 << test_inline.S2 = "";
@@

note_inline_test(c, pt, s1, s2)

@guard depends on creation
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren@
expression G;
statement S : script:python() { stops_some_task(S) };
position pg;
@@

if (G@pg) S

@script:python@
g << guard.G;
s << guard.S;
pg << guard.pg;
@@

note_guard(pg, g, s)

// ---------------------------------------------------------------------
// The guards of kthread_stop() to fix, by function and task pointer.

@script:python ok_guard@
pg << guard.pg;
FUNC;
X;
@@

f = decide(facts())
found = [g for g in f.guards if g['at'] == at(pg) and g['bad']]
if found and first_time('guard', found[0]['func'],
                        text(found[0]['target'])):
    coccinelle.FUNC = cocci.make_ident(found[0]['func'])
    coccinelle.X = cocci.make_expr(text(found[0]['target']))
else:
    coccinelle.FUNC = cocci.make_ident(NO_NAME)
    coccinelle.X = cocci.make_expr(NO_EXPR)

// ---------------------------------------------------------------------
// The first test of a start's result: IS_ERR(), and PTR_ERR() for the
// error code where the failure branch only returns it or first sets it.

@test_assign_fail depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1;
@@

T = creator(...);
... when != T
if (
(
- !T
|
- T == NULL
|
- NULL == T
|
- T == 0
|
- unlikely(!T)
|
- unlikely(T == NULL)
|
- unlikely(NULL == T)
|
- unlikely(T == 0)
)
+ IS_ERR(T)
  )
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
|
  S1
)

@test_assign_fail_else depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1, S2;
@@

T = creator(...);
... when != T
if (
(
- !T
|
- T == NULL
|
- NULL == T
|
- T == 0
|
- unlikely(!T)
|
- unlikely(T == NULL)
|
- unlikely(NULL == T)
|
- unlikely(T == 0)
)
+ IS_ERR(T)
  )
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
|
  S1
)
else S2

@test_assign_ok depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
statement S1;
@@

T = creator(...);
... when != T
if (
(
- T
|
- T != NULL
|
- NULL != T
|
- T != 0
|
- likely(T)
|
- likely(T != NULL)
)
+ !IS_ERR(T)
  )
  S1

@test_assign_ok_else depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1, S2;
@@

T = creator(...);
... when != T
if (
(
- T
|
- T != NULL
|
- NULL != T
|
- T != 0
|
- likely(T)
|
- likely(T != NULL)
)
+ !IS_ERR(T)
  )
  S2
else
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
|
  S1
)

@test_decl_fail depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
type TY;
identifier I;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1;
@@

TY I = creator(...);
... when != I
if (
(
- !I
|
- I == NULL
|
- NULL == I
|
- I == 0
|
- unlikely(!I)
|
- unlikely(I == NULL)
|
- unlikely(NULL == I)
|
- unlikely(I == 0)
)
+ IS_ERR(I)
  )
(
- return -E;
+ return PTR_ERR(I);
|
  {
- return -E;
+ return PTR_ERR(I);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(I);
  ...
  }
|
  S1
)

@test_decl_fail_else depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
type TY;
identifier I;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1, S2;
@@

TY I = creator(...);
... when != I
if (
(
- !I
|
- I == NULL
|
- NULL == I
|
- I == 0
|
- unlikely(!I)
|
- unlikely(I == NULL)
|
- unlikely(NULL == I)
|
- unlikely(I == 0)
)
+ IS_ERR(I)
  )
(
- return -E;
+ return PTR_ERR(I);
|
  {
- return -E;
+ return PTR_ERR(I);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(I);
  ...
  }
|
  S1
)
else S2

@test_decl_ok depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
type TY;
identifier I;
statement S1;
@@

TY I = creator(...);
... when != I
if (
(
- I
|
- I != NULL
|
- NULL != I
|
- I != 0
|
- likely(I)
|
- likely(I != NULL)
)
+ !IS_ERR(I)
  )
  S1

@test_decl_ok_else depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren exists@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
type TY;
identifier I;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1, S2;
@@

TY I = creator(...);
... when != I
if (
(
- I
|
- I != NULL
|
- NULL != I
|
- I != 0
|
- likely(I)
|
- likely(I != NULL)
)
+ !IS_ERR(I)
  )
  S2
else
(
- return -E;
+ return PTR_ERR(I);
|
  {
- return -E;
+ return PTR_ERR(I);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(I);
  ...
  }
|
  S1
)

@test_inline_fail depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
expression list args;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1;
@@

if (
(
- !(T = creator(args))
|
- (T = creator(args)) == NULL
|
- NULL == (T = creator(args))
)
+ IS_ERR(T = creator(args))
  )
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
|
  S1
)

@test_inline_fail_else depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren@
identifier creator = {kthread_run, kthread_create, kthread_create_on_node,
                      kthread_run_on_cpu, kthread_create_on_cpu};
expression T;
expression list args;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
statement S1, S2;
@@

if (
(
- !(T = creator(args))
|
- (T = creator(args)) == NULL
|
- NULL == (T = creator(args))
)
+ IS_ERR(T = creator(args))
  )
(
- return -E;
+ return PTR_ERR(T);
|
  {
- return -E;
+ return PTR_ERR(T);
  }
|
  {
- ret = -E;
+ ret = PTR_ERR(T);
  ...
  }
|
  S1
)
else S2

// ---------------------------------------------------------------------
// NULL tests that let an error pointer through to kthread_stop().

@guard_fix depends on patch
  disable unlikely, is_zero, isnt_zero, is_null, isnt_null1,
  not_ptr1, not_ptr2, not_int1, not_int2, commeq, commneq, neg_if,
  ne_if, drop_else, paren@
identifier ok_guard.FUNC;
expression ok_guard.X;
statement S : script:python(X) { stops_task(S, X) };
@@

FUNC(...) {
  <...
  if (
(
- X
|
- X != NULL
|
- NULL != X
|
- X != 0
|
- likely(X)
|
- likely(X != NULL)
)
+ !IS_ERR_OR_NULL(X)
  ) S
  ...>
}

// ---------------------------------------------------------------------
// Findings.

@depends on context disable neg_if, ne_if, drop_else@
expression C;
position p : script:python() { is_finding(p) };
statement S1, S2;
@@

(
  if (
* C@p
  ) S1 else S2
|
  if (
* C@p
  ) S1
)

@script:python depends on report && creation@
@@

for pos, msg in findings(current[0]):
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && creation@
@@

for pos, msg in findings(current[0]):
    coccilib.org.print_todo(pos[0], msg)

@script:python depends on patch && explain && creation@
@@

for pos, msg in refusals(current[0]):
    coccilib.report.print_report(pos[0], msg)
