// SPDX-License-Identifier: GPL-2.0-only
/// Find kernel threads that can miss kthread_stop(): lost wake-ups, spins
///
/// kthread_stop() sets the stop bit and wakes the thread with
/// wake_up_process(), which does nothing to a thread that is still
/// running. A thread that tests kthread_should_stop() and only then sets
/// its task state and sleeps in schedule() (or schedule_timeout() with
/// MAX_SCHEDULE_TIMEOUT, or schedule_timeout_interruptible() and kin,
/// which set the state themselves) loses a stop request that comes in
/// between: it goes to sleep after the wake-up and sleeps on, and rmmod
/// hangs in kthread_stop() until something else wakes it. The state must
/// be set first, then kthread_should_stop() tested, then schedule() called.
/// A thread that polls kthread_should_stop() in a loop that never sleeps
/// (an empty body, cpu_relax(), barrier(), udelay(), cond_resched()) burns
/// a CPU until it is stopped, and on a non-preemptible single CPU keeps the
/// stopper from ever running.
///
//# Bounded sleeps (schedule_timeout(HZ), msleep()) are not reported: they
//# can only delay the stop. The kthread_stop() of 6.1 also raises
//# TIF_NOTIFY_SIGNAL, which keeps a TASK_INTERRUPTIBLE sleep that starts
//# after the stop request from sleeping, so there the lost wake-up bites
//# in TASK_UNINTERRUPTIBLE, TASK_IDLE and TASK_KILLABLE sleeps, and on
//# older kernels in all of them; the order is wrong either way. Only
//# functions that test kthread_should_stop() are looked at, and a test
//# counts wherever it is, even one whose result does not keep the thread
//# from sleeping.
//
// Confidence: High
// Copyright: (C) 2026 The kthreadify authors.
// Comments: Report only: the right fix depends on what else wakes the
//  thread. The file is read for the order of state changes, tests and
//  sleeps along every path of each function, loops and gotos included.
// Options: --no-includes --include-headers
// Keywords: kthread_should_stop, kthread_stop, set_current_state, schedule

virtual context
virtual org
virtual report

@initialize:python@
@@

import re
# ---------------------------------------------------------------------
# Reading the C file itself. The analysis needs the line of every token
# (findings name the lines of early exits and of state changes), which
# the text handed to script rules does not carry, so it reads the source
# file spatch is working on: comments and preprocessor lines blanked out,
# every token with its line and column (counted like spatch: 0-based
# characters, a tab is one).
import sys

sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))

_QUOTE = chr(39)
_TOKEN = re.compile('|'.join([
    r'"(?:[^"\\\n]|\\.)*"',
    _QUOTE + r'(?:[^\\\n]|\\.)*?' + _QUOTE,
    r'[A-Za-z_]\w*', r'\d[\w.]*',
    r'->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=',
    r'\S']))
_BLANKS = re.compile('|'.join([
    r'"(?:[^"\\\n]|\\.)*"',
    _QUOTE + r'(?:[^\\\n]|\\.)*?' + _QUOTE,
    r'/\*.*?\*/', r'//[^\n]*']), re.S)
_OPEN = {'(': ')', '[': ']', '{': '}'}
_CLOSE = {')', ']', '}'}
_KEYWORDS = {'if', 'else', 'while', 'for', 'do', 'switch', 'case',
             'default', 'return', 'break', 'continue', 'goto', 'sizeof',
             'struct', 'union', 'enum', 'typeof', '__typeof__'}


def _blank(m):
    s = m.group(0)
    if s[:1] in ('"', _QUOTE):
        return s
    return re.sub(r'[^\n]', ' ', s)


def _no_cpp(text):
    out, cont = [], False
    for line in text.split('\n'):
        if cont or line.lstrip().startswith('#'):
            cont = line.endswith(chr(92))
            out.append(' ' * len(line))
        else:
            out.append(line)
    return '\n'.join(out)


class Source:
    """Tokens of one C file with their positions, and its functions."""

    def __init__(self, path):
        with open(path, errors='replace') as f:
            text = _no_cpp(_BLANKS.sub(_blank, f.read()))
        starts = [0] + [m.end() for m in re.finditer('\n', text)]
        self.ts, self.pos = [], []
        line = 0
        for m in _TOKEN.finditer(text):
            while line + 1 < len(starts) and starts[line + 1] <= m.start():
                line += 1
            self.ts.append(m.group(0))
            self.pos.append((line + 1, m.start() - starts[line]))
        self.funcs = {}
        self._find_functions()

    def _find_functions(self):
        """name -> {'name', 'params': (i, j), 'body': ('{' index, '}'
        index), 'type': tokens before the name}, for every function
        definition at file scope."""
        ts, depth, last = self.ts, 0, -1
        i = 0
        while i < len(ts):
            t = ts[i]
            if t == '{' and depth == 0 and i and ts[i - 1] == ')':
                o = open_of(ts, i - 1)
                if o > 0 and is_ident(ts[o - 1]) and \
                        ts[o - 1] not in _KEYWORDS:
                    c = close_of(ts, i)
                    if c < 0:
                        return
                    self.funcs[ts[o - 1]] = {
                        'name': ts[o - 1], 'params': (o + 1, i - 1),
                        'body': (i, c), 'type': ts[last + 1:o - 1]}
                    i, last = c + 1, c
                    continue
            if t in ('{', '(', '['):
                depth += 1
            elif t in _CLOSE:
                depth -= 1
            elif t == ';' and depth == 0:
                last = i
            i += 1

    def line(self, i):
        return self.pos[i][0]


def is_ident(t):
    return re.match(r'[A-Za-z_]\w*$', t) is not None


def close_of(ts, i):
    """Index of the bracket that closes ts[i], or -1."""
    depth = 0
    for j in range(i, len(ts)):
        if ts[j] in _OPEN:
            depth += 1
        elif ts[j] in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return -1


def open_of(ts, i):
    """Index of the bracket that opens the one closed at ts[i], or -1."""
    depth = 0
    for j in range(i, -1, -1):
        if ts[j] in _CLOSE:
            depth += 1
        elif ts[j] in _OPEN:
            depth -= 1
            if depth == 0:
                return j
    return -1


def strip_parens(ts):
    while len(ts) >= 2 and ts[0] == '(' and close_of(ts, 0) == len(ts) - 1:
        ts = ts[1:-1]
    return ts


def split_top(ts, sep):
    """Split ts at the occurrences of sep outside any bracket."""
    parts, cur, depth = [], [], 0
    for t in ts:
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth -= 1
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def as_call(ts):
    """(name, [arg tokens]) when ts is exactly one call, else None."""
    ts = strip_parens(ts)
    if len(ts) < 3 or not is_ident(ts[0]) or ts[1] != '(':
        return None
    if close_of(ts, 1) != len(ts) - 1:
        return None
    inner = ts[2:-1]
    return ts[0], (split_top(inner, ',') if inner else [])


def call_sites(ts, i, j):
    """(index, name, [arg tokens]) of every call in ts[i:j], in order."""
    for k in range(i, j - 1):
        if is_ident(ts[k]) and ts[k + 1] == '(' and \
                ts[k] not in _KEYWORDS:
            c = close_of(ts, k + 1)
            if c > 0:
                inner = ts[k + 2:c]
                yield k, ts[k], split_top(inner, ',') if inner else []


def unwrap(ts):
    """ts without parentheses and likely()/unlikely() around it."""
    ts = strip_parens(ts)
    call = as_call(ts)
    while call and call[0] in ('likely', 'unlikely') and len(call[1]) == 1:
        ts = strip_parens(call[1][0])
        call = as_call(ts)
    return ts


# ---------------------------------------------------------------------
# Statements, by token index into the whole file.

def _label_len(ts, i):
    """Length of a label prefix ('out:', 'case X:', 'default:') at i."""
    if i + 1 >= len(ts):
        return 0
    if ts[i] == 'default' and ts[i + 1] == ':':
        return 2
    if ts[i] == 'case':
        j, depth = i, 0
        while j < len(ts):
            if ts[j] in _OPEN:
                depth += 1
            elif ts[j] in _CLOSE:
                depth -= 1
            elif ts[j] == ':' and depth == 0:
                break
            j += 1
        return j - i + 1
    if is_ident(ts[i]) and ts[i + 1] == ':' and ts[i] not in _KEYWORDS:
        return 2
    return 0


def is_iterator(ts, i):
    """A loop macro: NAME(...) followed by a statement, not by ';'."""
    if not is_ident(ts[i]) or ts[i] in _KEYWORDS or \
            ts[i + 1:i + 2] != ['(']:
        return False
    c = close_of(ts, i + 1)
    return c > 0 and ts[c + 1:c + 2] == ['{'] and \
        re.search(r'for_each|_foreach', ts[i]) is not None


def stmt_end(ts, i):
    """Index just past the statement that starts at ts[i]."""
    t = ts[i]
    if t == '{':
        return close_of(ts, i) + 1
    n = _label_len(ts, i)
    if n:
        return stmt_end(ts, i + n) if i + n < len(ts) else i + n
    if t == 'if':
        j = stmt_end(ts, close_of(ts, i + 1) + 1)
        if j < len(ts) and ts[j] == 'else':
            j = stmt_end(ts, j + 1)
        return j
    if t in ('while', 'for', 'switch') or is_iterator(ts, i):
        return stmt_end(ts, close_of(ts, i + 1) + 1)
    if t == 'do':
        j = stmt_end(ts, i + 1)
        return close_of(ts, j + 1) + 2
    depth = 0
    for j in range(i, len(ts)):
        if ts[j] in _OPEN:
            depth += 1
        elif ts[j] in _CLOSE:
            depth -= 1
            if depth < 0:
                return j
        elif ts[j] == ';' and depth == 0:
            return j + 1
    return len(ts)


def statements(ts, i, j):
    """(start, end) of each statement in ts[i:j]."""
    out = []
    while i < j:
        e = stmt_end(ts, i)
        if e <= i:
            break
        out.append((i, min(e, j)))
        i = e
    return out


def loop_parts(ts, s):
    """(kind, (cond start, cond end), (body start, body end), init) of
    the loop statement at s; kind is while, for, do or iter (a macro like
    list_for_each_entry(), or a for whose header this does not read)."""
    t = ts[s]
    if t in ('while', 'for'):
        c = close_of(ts, s + 1)
        body = (c + 1, stmt_end(ts, c + 1))
        if t == 'while':
            return t, (s + 2, c), body, None
        semis, depth = [], 0
        for k in range(s + 2, c):
            if ts[k] in _OPEN:
                depth += 1
            elif ts[k] in _CLOSE:
                depth -= 1
            elif ts[k] == ';' and depth == 0:
                semis.append(k)
        if len(semis) != 2:
            return 'iter', (s + 2, c), body, None
        return t, (semis[0] + 1, semis[1]), body, (s + 2, semis[0])
    if t == 'do':
        b = stmt_end(ts, s + 1)
        return 'do', (b + 2, close_of(ts, b + 1)), (s + 1, b), None
    c = close_of(ts, s + 1)
    return 'iter', (s + 2, c), (c + 1, stmt_end(ts, c + 1)), None


def is_loop(ts, s):
    return ts[s] in ('while', 'for', 'do') or is_iterator(ts, s)


def walk(ts, i, j):
    """(start, end) of every statement in ts[i:j], nested ones included,
    labels skipped."""
    for s, e in statements(ts, i, j):
        n = _label_len(ts, s)
        while n and s + n < e:
            s += n
            n = _label_len(ts, s)
        yield s, e
        t = ts[s]
        if t == '{':
            yield from walk(ts, s + 1, e - 1)
        elif t == 'if':
            c = close_of(ts, s + 1)
            then_end = stmt_end(ts, c + 1)
            yield from walk(ts, c + 1, then_end)
            if then_end < e and ts[then_end] == 'else':
                yield from walk(ts, then_end + 1, e)
        elif t == 'switch':
            yield from walk(ts, close_of(ts, s + 1) + 1, e)
        elif is_loop(ts, s):
            b0, b1 = loop_parts(ts, s)[2]
            yield from walk(ts, b0, b1)


# ---------------------------------------------------------------------
# Forward data flow over the statements of one function. A subclass
# gives the facts (join, and what statements, conditions and exits do
# to them); None stands for "not reachable". Loops and backward gotos
# are iterated until nothing changes.

class Flow:
    LIMIT = 8

    def __init__(self, src):
        self.src = src
        self.ts = src.ts
        self.labels = {}

    def join(self, a, b):
        raise NotImplementedError

    def joinall(self, states):
        out = None
        for s in states:
            out = self.join(out, s)
        return out

    def run(self, func, entry):
        """Flow through the body of func; the state at its end."""
        b0, b1 = func['body']
        self.func = func
        end = None
        for _ in range(self.LIMIT):
            before = dict(self.labels)
            ctx = {'brk': None, 'cont': None, 'loop': None, 'sw': None,
                   'depth': 0}
            end = self.block(b0 + 1, b1, entry, ctx)
            if self.labels == before:
                break
        return end

    def block(self, i, j, st, ctx):
        for s, e in statements(self.ts, i, j):
            st = self.stmt(s, e, st, ctx)
        return st

    def stmt(self, s, e, st, ctx):
        ts = self.ts
        n = _label_len(ts, s)
        while n:
            if ts[s] in ('case', 'default'):
                if ctx['sw'] is not None:
                    st = self.join(st, ctx['sw']['entry'])
                    ctx['sw']['default'] |= ts[s] == 'default'
            else:
                st = self.join(st, self.labels.get(ts[s]))
            s += n
            if s >= e:
                return st
            n = _label_len(ts, s)
        t = ts[s]
        if t == '{':
            return self.block(s + 1, e - 1, st, ctx)
        if t == ';':
            return st
        if t == 'if':
            c = close_of(ts, s + 1)
            th, el = self.cond(s + 2, c, st)
            then_end = stmt_end(ts, c + 1)
            a = self.stmt(c + 1, then_end, th, ctx)
            if then_end < e and ts[then_end] == 'else':
                el = self.stmt(then_end + 1, e, el, ctx)
            return self.join(a, el)
        if t == 'switch':
            c = close_of(ts, s + 1)
            st = self.expr(s + 2, c, st)
            sub = dict(ctx, brk=[], sw={'entry': st, 'default': False})
            out = self.stmt(c + 1, e, None, sub)
            out = self.join(out, self.joinall(sub['brk']))
            if not sub['sw']['default']:
                out = self.join(out, st)
            return out
        if is_loop(ts, s):
            return self.loop(s, e, st, ctx)
        if t == 'return':
            self.on_return(s, e, self.expr(s + 1, e - 1, st))
            return None
        if t == 'break':
            if ctx['brk'] is not None:
                ctx['brk'].append(self.on_break(s, st, ctx))
            return None
        if t == 'continue':
            if ctx['cont'] is not None:
                ctx['cont'].append(st)
            return None
        if t == 'goto':
            lab = ts[s + 1]
            self.labels[lab] = self.join(self.labels.get(lab),
                                         self.on_goto(s, st, ctx))
            return None
        return self.simple(s, e, st)

    def loop(self, s, e, st, ctx):
        ts = self.ts
        kind, (c0, c1), (b0, b1), init = loop_parts(ts, s)
        if init:
            st = self.expr(init[0], init[1], st)
        sub = dict(ctx, loop=(s, kind, c0, c1, b0, b1), sw=None,
                   depth=ctx['depth'] + 1)
        back, exit_st = None, None
        for _ in range(self.LIMIT):
            sub['brk'], sub['cont'] = [], []
            if kind == 'do':
                body_in = self.join(st, back)
            elif kind == 'iter':
                body_in = self.join(st, back)
            else:
                body_in, _ = self.loop_cond(s, c0, c1, self.join(st, back),
                                            ctx)
            out = self.stmt(b0, b1, body_in, sub)
            new_back = self.join(out, self.joinall(sub['cont']))
            if kind == 'do':
                new_back, exit_st = self.loop_cond(s, c0, c1, new_back, ctx)
            if new_back == back:
                break
            back = new_back
        if kind == 'iter':
            exit_st = self.join(st, back)
        elif kind != 'do':
            _, exit_st = self.loop_cond(s, c0, c1, self.join(st, back), ctx)
        out = self.join(exit_st, self.joinall(sub['brk']))
        return self.on_loop_exit(s, out, ctx)

    # What a subclass may refine.
    def cond(self, c0, c1, st):
        st = self.expr(c0, c1, st)
        return st, st

    def loop_cond(self, s, c0, c1, st, ctx):
        return self.cond(c0, c1, st)

    def expr(self, i, j, st):
        return st

    def simple(self, s, e, st):
        return self.expr(s, e, st)

    def on_return(self, s, e, st):
        pass

    def on_break(self, s, st, ctx):
        return st

    def on_goto(self, s, st, ctx):
        return st

    def on_loop_exit(self, s, st, ctx):
        return st


# ---------------------------------------------------------------------
# Lost wake-ups. The state at a point is None (not reachable) or a set
# of: ('run',) the task is running; ('arm', i) the task state was set to
# a sleeping state by the call at index i and kthread_should_stop() was
# not tested since; ('chk',) it was set and then tested.

STOP_TESTS = {'kthread_should_stop', 'kthread_freezable_should_stop'}
RUN = frozenset([('run',)])
# Calls that set the task state, and which argument holds the state.
SETTERS = {'set_current_state': 0, '__set_current_state': 0,
           'set_task_state': 1, '__set_task_state': 1,
           'prepare_to_wait': 2, 'prepare_to_wait_exclusive': 2,
           'prepare_to_wait_event': 2}
# Sleeps that only end on a wake-up, after the caller set the state.
UNTIMED = {'schedule', 'io_schedule', 'freezable_schedule',
           'schedule_preempt_disabled'}
TIMED = {'schedule_timeout', 'io_schedule_timeout',
         'freezable_schedule_timeout'}
# Sleeps that set the state themselves, right before sleeping.
SELF_SET = {'schedule_timeout_interruptible',
            'schedule_timeout_uninterruptible', 'schedule_timeout_killable',
            'schedule_timeout_idle', 'freezable_schedule_timeout_interruptible',
            'freezable_schedule_timeout_killable'}
FOREVER = (['MAX_SCHEDULE_TIMEOUT'], ['LONG_MAX'])
# Calls that wait without giving up the CPU for long.
SPINS = {'cpu_relax', 'barrier', 'mb', 'rmb', 'smp_mb', 'smp_rmb',
         'cond_resched', 'yield', 'udelay', 'ndelay', 'mdelay',
         'cpu_relax_lowlatency'}


class WakeFlow(Flow):

    def __init__(self, src):
        Flow.__init__(self, src)
        self.lost = {}      # index of the sleep -> indices of the setters

    def join(self, a, b):
        if a is None:
            return b
        if b is None:
            return a
        return a | b

    def expr(self, i, j, st):
        if st is None:
            return None
        for k, name, args in call_sites(self.ts, i, j):
            if name in SETTERS and len(args) > SETTERS[name]:
                state = strip_parens(args[SETTERS[name]])
                st = RUN if state == ['TASK_RUNNING'] \
                    else frozenset([('arm', k)])
            elif name in STOP_TESTS:
                st = frozenset(('chk',) if e[0] == 'arm' else e for e in st)
            elif name in UNTIMED or (name in TIMED and len(args) == 1 and
                                     strip_parens(args[0]) in FOREVER):
                arms = {e[1] for e in st if e[0] == 'arm'}
                if arms:
                    self.lost.setdefault(k, set()).update(arms)
                st = RUN
            elif name in SELF_SET and len(args) == 1 and \
                    strip_parens(args[0]) in FOREVER:
                self.lost.setdefault(k, set()).add(k)
                st = RUN
            elif name in TIMED or name in SELF_SET or \
                    name.startswith(('msleep', 'ssleep', 'usleep',
                                     'wait_event', 'wait_woken',
                                     'wait_for_completion')):
                st = RUN
        return st


def spin_only(ts, i, j):
    """Does ts[i:j] (a loop body) only spin: nothing, or calls that wait
    without sleeping?"""
    for s, e in statements(ts, i, j):
        if ts[s] == '{':
            if not spin_only(ts, s + 1, e - 1):
                return False
            continue
        if ts[s] == ';':
            continue
        call = as_call(ts[s:e - 1]) if ts[e - 1] == ';' else None
        if not call or call[0] not in SPINS:
            return False
    return True


def stop_test_at(ts, i, j):
    for k in range(i, j):
        if ts[k] in STOP_TESTS:
            return k
    return None


def spins(src, func):
    """Indices of the kthread_should_stop() calls that busy loops poll:
    a loop that runs until the stop request with a body that only spins,
    or a forever loop of such calls and a break on the stop request."""
    ts = src.ts
    b0, b1 = func['body']
    out = []
    for s, e in walk(ts, b0 + 1, b1):
        if not is_loop(ts, s) or ts[s] not in ('while', 'for', 'do'):
            continue
        kind, (c0, c1), (x0, x1), _ = loop_parts(ts, s)
        cond = unwrap(ts[c0:c1])
        if cond and cond not in (['1'], ['true']):
            if stop_if_false(cond) and spin_only(ts, x0, x1):
                out.append(stop_test_at(ts, c0, c1))
            continue
        if ts[x0] == '{':
            x0, x1 = x0 + 1, x1 - 1
        breaks, ok = [], True
        for s2, e2 in statements(ts, x0, x1):
            if ts[s2] == 'if':
                c = close_of(ts, s2 + 1)
                rest = ts[c + 1:e2]
                if rest in (['break', ';'], ['{', 'break', ';', '}']) and \
                        stop_if_true(ts[s2 + 2:c]):
                    breaks.append(stop_test_at(ts, s2 + 2, c))
                    continue
            if not spin_only(ts, s2, e2):
                ok = False
        if ok and breaks:
            out.append(breaks[0])
    return out


def stop_if_true(ts):
    ts = unwrap(ts)
    if not ts:
        return False
    call = as_call(ts)
    if call and call[0] in STOP_TESTS:
        return True
    terms = split_top(ts, '||')
    if len(terms) > 1:
        return all(stop_if_true(t) for t in terms)
    terms = split_top(ts, '&&')
    if len(terms) > 1:
        return any(stop_if_true(t) for t in terms)
    return ts[0] == '!' and stop_if_false(ts[1:])


def stop_if_false(ts):
    ts = unwrap(ts)
    if not ts:
        return False
    terms = split_top(ts, '||')
    if len(terms) > 1:
        return any(stop_if_false(t) for t in terms)
    terms = split_top(ts, '&&')
    if len(terms) > 1:
        return all(stop_if_false(t) for t in terms)
    return ts[0] == '!' and stop_if_true(ts[1:])


class Findings:
    """Every lost wake-up and busy loop of one file, by token index."""

    def __init__(self, path):
        self.src = src = Source(path)
        self.lost, self.spins, self.owner = {}, [], {}
        for func in src.funcs.values():
            b0, b1 = func['body']
            if not any(t in STOP_TESTS for t in src.ts[b0:b1]):
                continue
            flow = WakeFlow(src)
            flow.run(func, RUN)
            for k, arms in flow.lost.items():
                self.lost[k] = arms
                self.owner[k] = func['name']
            for k in spins(src, func):
                self.spins.append(k)
                self.owner[k] = func['name']

    def call_text(self, k):
        ts = self.src.ts
        return ''.join(t if t != ',' else ', '
                       for t in ts[k:close_of(ts, k + 1) + 1])

    def message(self, k):
        src, ts = self.src, self.src.ts
        fn = self.owner[k]
        if k in self.spins:
            return 'WARNING: busy wait for kthread_stop(): %s() polls ' \
                'kthread_should_stop() in a loop that never sleeps and ' \
                'burns a CPU until it is stopped; sleep in the loop (set ' \
                'the task state, test kthread_should_stop(), schedule()) ' \
                'or in wait_event_interruptible() with ' \
                'kthread_should_stop() in its condition' % fn
        arms = sorted(self.lost[k])
        if arms == [k]:
            return 'WARNING: lost wake-up: %s sets the task state of %s() ' \
                'after its last test of kthread_should_stop(), so a ' \
                'kthread_stop() that comes in between is lost and the ' \
                'thread sleeps on; set the state with set_current_state(), ' \
                'then test kthread_should_stop(), then schedule()' % (
                    self.call_text(k), fn)
        texts = sorted({self.call_text(a) for a in arms})
        lines = ' or '.join(str(src.line(a)) for a in arms)
        if len(texts) == 1:
            setters = '%s at line %s' % (texts[0], lines)
        else:
            setters = ' or '.join('%s at line %d' % (self.call_text(a),
                                                     src.line(a))
                                  for a in arms)
        return 'WARNING: lost wake-up: %s() does not test ' \
            'kthread_should_stop() between %s and this %s(), so a ' \
            'kthread_stop() that comes before the state change is lost ' \
            'and the thread sleeps on; set the state first, then test ' \
            'kthread_should_stop(), then sleep' % (fn, setters, ts[k])


# ---------------------------------------------------------------------
# Glue for the rules below.

current = {'file': None, 'positions': {}, 'findings': None}


def note(p):
    """Keep the position of a sleep or a stop test; the first one of a
    new file forgets the previous file."""
    path = p[0].file
    if current['file'] != path:
        current['file'] = path
        current['positions'] = {}
        current['findings'] = None
    current['positions'][(int(p[0].line), int(p[0].column))] = p


class NoFindings:
    """What a file that cannot be analysed yields: nothing."""
    lost, spins = {}, []


def findings():
    if current['findings'] is None:
        try:
            current['findings'] = Findings(current['file'])
        except Exception as e:
            sys.stderr.write('lost-wakeup: cannot analyse %s: %r\n'
                             % (current['file'], e))
            current['findings'] = NoFindings()
    return current['findings']


def is_finding(p):
    if p[0].file != current['file']:
        return False
    f = findings()
    at = (int(p[0].line), int(p[0].column))
    return any(f.src.pos[k] == at for k in list(f.lost) + f.spins)


def messages():
    """(position, message) of every finding, in file order."""
    f = findings()
    out = []
    for k in sorted(set(f.lost) | set(f.spins)):
        p = current['positions'].get(f.src.pos[k])
        if p is not None:
            out.append((p, f.message(k)))
    return out

// ---------------------------------------------------------------------
// Facts: the sleeps and the stop tests of the file, for their positions.
// What they mean is read from the file itself (see Source above).

// Spelled out, not an identifier set, so that spatch derives a grep
// query from these names and only parses the files that use them.
@kthread_calls@
@@

(
kthread_should_stop(...)
|
kthread_freezable_should_stop(...)
)

@sleep_call depends on kthread_calls@
identifier sl = {schedule, io_schedule, freezable_schedule,
                 schedule_preempt_disabled, schedule_timeout,
                 io_schedule_timeout, freezable_schedule_timeout,
                 schedule_timeout_interruptible,
                 schedule_timeout_uninterruptible, schedule_timeout_killable,
                 schedule_timeout_idle,
                 freezable_schedule_timeout_interruptible,
                 freezable_schedule_timeout_killable};
position p;
@@

sl@p(...)

@script:python@
p << sleep_call.p;
@@

note(p)

@stop_test depends on kthread_calls@
identifier st = {kthread_should_stop, kthread_freezable_should_stop};
position p;
@@

st@p(...)

@script:python@
p << stop_test.p;
@@

note(p)

// ---------------------------------------------------------------------
// Findings.

@depends on context && stop_test@
identifier sleep_call.sl;
position p : script:python() { is_finding(p) };
@@

* sl@p(...)

@depends on context && stop_test@
identifier stop_test.st;
position p : script:python() { is_finding(p) };
@@

* st@p(...)

@script:python depends on report && stop_test@
@@

for pos, msg in messages():
    coccilib.report.print_report(pos[0], msg)

@script:python depends on org && stop_test@
@@

for pos, msg in messages():
    coccilib.org.print_todo(pos[0], msg)
