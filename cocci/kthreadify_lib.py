# SPDX-License-Identifier: GPL-2.0-only
"""Reading C code for the kthreadify semantic patches.

Script rules receive matched code as text. These helpers re-tokenise that
text and recognise the shapes a hand-rolled thread stop protocol is made
of: flags and how they are read and written, loops, sleeps, waits. The
.cocci files next to this module import it (see their initialize rules),
so a rule file keeps working wherever it is run from, coccicheck included,
as long as this module stays beside it.
"""

import re

_QUOTE = chr(39)
_TOKEN = re.compile('|'.join([
    r'"(?:[^"\\]|\\.)*"',
    _QUOTE + r'(?:[^\\]|\\.)*?' + _QUOTE,
    r'[A-Za-z_]\w*', r'\d[\w.]*',
    r'->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=',
    r'\S']))
_OPEN = {'(': ')', '[': ']', '{': '}'}
_CLOSE = {')', ']', '}'}

# What a rewrite rule gets when nothing is approved: a name no C
# identifier can spell, and an expression and a statement that no code
# that compiles contains, so that the rule matches nothing at all.
NO_NAME = 'kthreadify-none'
NO_EXPR = '"kthreadify: none"'
NO_STMT = '"kthreadify: none"();'

TRUE_CONSTS = {'1', 'true', 'TRUE', '1U', '1u'}
FALSE_CONSTS = {'0', 'false', 'FALSE', 'NULL', '0U', '0u'}
EXIT_CALLS = {'do_exit', 'kthread_exit', 'complete_and_exit',
              'kthread_complete_and_exit', 'module_put_and_exit',
              'module_put_and_kthread_exit'}
BARRIERS = {'mb', 'rmb', 'wmb', 'smp_mb', 'smp_rmb', 'smp_wmb', 'barrier',
            'smp_mb__after_atomic', 'smp_mb__before_atomic'}
WAKEUPS = {'wake_up', 'wake_up_interruptible', 'wake_up_all',
           'wake_up_interruptible_all', 'wake_up_process', 'complete',
           'complete_all', 'up'}
LOGGING = re.compile(r'^(printk|pr_\w+|dev_(err|warn|info|dbg|notice))$')
SLEEPS = {'msleep', 'msleep_interruptible', 'ssleep', 'usleep_range',
          'udelay', 'mdelay', 'ndelay', 'schedule', 'schedule_timeout',
          'schedule_timeout_interruptible', 'schedule_timeout_killable',
          'schedule_timeout_uninterruptible', 'set_current_state',
          '__set_current_state', 'cpu_relax', 'yield', 'cond_resched'}
SLEEP_WORDS = {'TASK_INTERRUPTIBLE', 'TASK_UNINTERRUPTIBLE', 'TASK_KILLABLE',
               'TASK_RUNNING', 'HZ'}
WAIT_EVENTS = re.compile(r'^wait_event(_interruptible|_killable)?'
                         r'(_timeout)?$')
GUESS_SLEEPS = {'msleep', 'ssleep', 'msleep_interruptible'}
# Sleeps that wake_up_process() alone does not end.
BLOCKING = {'wait_for_completion', 'wait_for_completion_interruptible',
            'wait_for_completion_killable', 'wait_for_completion_io',
            'down', 'down_interruptible', 'down_killable'}
UNTIMED_WAITS = re.compile(r'^wait_event(_interruptible|_killable|'
                           r'_freezable|_idle)?(_exclusive)?$')
# Calls that may come before a thread is started without needing to be
# undone when starting it fails.
HARMLESS = {'init_waitqueue_head', 'init_completion', 'reinit_completion',
            'sema_init', 'spin_lock_init', 'mutex_init', 'atomic_set',
            'INIT_LIST_HEAD', 'set_bit', 'clear_bit', 'memset',
            'WRITE_ONCE', 'smp_wmb', 'wmb', 'mb', 'smp_mb'}


def toks(code):
    return _TOKEN.findall(str(code))


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


def text(ts):
    """Tokens back to C text, spaced the way kernel code is."""
    out = ''
    for i, t in enumerate(ts):
        if i and not (t in (')', ']', ',', ';', '->', '.', '++', '--')
                      or ts[i - 1] in ('(', '[', '!', '&', '*', '->', '.',
                                       '~')
                      or (t in ('(', '[') and is_ident(ts[i - 1]))):
            out += ' '
        out += t
    return out


# ---------------------------------------------------------------------
# Flags. A key names a flag whatever expression reaches it:
#   v:g:NAME        plain global            (int, bool, volatile ...)
#   v:m:PATH        struct member, any base (dev->PATH, pump.PATH)
#   a:...           atomic_t read with atomic_read()
#   b:BIT:...       bit BIT of a flags word read with test_bit()

def split_lvalue(ts):
    """(base tokens, separator, member path) of a flag lvalue, or None."""
    ts = strip_parens(ts)
    if len(ts) == 1 and is_ident(ts[0]):
        return [], '', ts[0]
    if not ts:
        return None
    if is_ident(ts[0]):
        i = 1
    elif ts[0] == '(':
        i = close_of(ts, 0) + 1
        if i == 0:
            return None
    else:
        return None
    rest = ts[i:]
    if len(rest) < 2 or len(rest) % 2:
        return None
    for k in range(0, len(rest), 2):
        if rest[k] not in ('->', '.') or not is_ident(rest[k + 1]):
            return None
    return ts[:i], rest[0], '.'.join(rest[1::2])


def lvalue_key(ts):
    parts = split_lvalue(ts)
    if parts is None:
        return None
    return ('m:' if parts[0] else 'g:') + parts[2]


def word_key(ts):
    if ts[:1] == ['&']:
        ts = ts[1:]
    return lvalue_key(ts)


def read_key(ts):
    """Key of the flag that expression ts reads (true when set)."""
    ts = strip_parens(ts)
    call = as_call(ts)
    if call:
        name, args = call
        if name in ('READ_ONCE', 'likely', 'unlikely') and len(args) == 1:
            return read_key(args[0])
        if name == 'atomic_read' and len(args) == 1 and args[0][:1] == ['&']:
            k = lvalue_key(args[0][1:])
            return k and 'a:' + k
        if name == 'test_bit' and len(args) == 2 and len(args[0]) == 1:
            k = word_key(args[1])
            return k and 'b:' + args[0][0] + ':' + k
        return None
    k = lvalue_key(ts)
    return k and 'v:' + k


def test_of(ts):
    """(key, 'set'|'clear') when ts tests one flag: 'set' when ts is true
    exactly when the flag is set."""
    ts = strip_parens(ts)
    if ts[:1] == ['!']:
        r = test_of(ts[1:])
        return r and (r[0], _flip(r[1]))
    for op in ('==', '!='):
        sides = split_top(ts, op)
        if len(sides) != 2:
            continue
        for this, other in (sides, sides[::-1]):
            other = strip_parens(other)
            if len(other) != 1 or \
                    other[0] not in FALSE_CONSTS | TRUE_CONSTS:
                continue
            r = test_of(this)
            if not r:
                return None
            if other[0] in FALSE_CONSTS:
                return (r[0], _flip(r[1])) if op == '==' else r
            if other[0] in TRUE_CONSTS:
                return r if op == '==' else (r[0], _flip(r[1]))
        return None
    k = read_key(ts)
    return k and (k, 'set')


def polarity(ts, key):
    """'set'/'clear' when ts tests the flag named key, else None."""
    r = test_of(ts)
    return r[1] if r and r[0] == key else None


def _flip(p):
    return {'set': 'clear', 'clear': 'set'}.get(p)


def is_should_stop(ts, negated):
    ts = strip_parens(ts)
    want = ['!', 'kthread_should_stop', '(', ')'] if negated \
        else ['kthread_should_stop', '(', ')']
    return ts == want


def flag_of_set(ts):
    """(key, lvalue tokens) when ts is a statement that raises a flag."""
    if ts[-1:] != [';']:
        return None
    ts = ts[:-1]
    sides = split_top(ts, '=')
    if len(sides) == 2 and len(sides[1]) == 1 and sides[1][0] in TRUE_CONSTS:
        k = lvalue_key(sides[0])
        return k and ('v:' + k, strip_parens(sides[0]))
    call = as_call(ts)
    if not call:
        return None
    name, args = call
    if name == 'WRITE_ONCE' and len(args) == 2 and \
            strip_parens(args[1]) in [[c] for c in TRUE_CONSTS]:
        k = lvalue_key(args[0])
        return k and ('v:' + k, strip_parens(args[0]))
    if name in ('atomic_set', 'atomic_inc') and args and \
            args[0][:1] == ['&']:
        if name == 'atomic_set' and (len(args) != 2 or
                                     strip_parens(args[1]) in
                                     [[c] for c in FALSE_CONSTS]):
            return None
        k = lvalue_key(args[0][1:])
        return k and ('a:' + k, strip_parens(args[0][1:]))
    if name == 'set_bit' and len(args) == 2 and len(args[0]) == 1:
        k = word_key(args[1])
        w = args[1][1:] if args[1][:1] == ['&'] else args[1]
        return k and ('b:' + args[0][0] + ':' + k, strip_parens(w))
    return None


def flag_of_clear(ts):
    """Key when ts is a statement that lowers a flag."""
    if ts[-1:] != [';']:
        return None
    ts = ts[:-1]
    sides = split_top(ts, '=')
    if len(sides) == 2 and len(sides[1]) == 1 and \
            sides[1][0] in FALSE_CONSTS:
        k = lvalue_key(sides[0])
        return k and 'v:' + k
    call = as_call(ts)
    if not call:
        return None
    name, args = call
    if name == 'WRITE_ONCE' and len(args) == 2 and \
            strip_parens(args[1]) in [[c] for c in FALSE_CONSTS]:
        k = lvalue_key(args[0])
        return k and 'v:' + k
    if name == 'atomic_set' and len(args) == 2 and \
            args[0][:1] == ['&'] and \
            strip_parens(args[1]) in [[c] for c in FALSE_CONSTS]:
        k = lvalue_key(args[0][1:])
        return k and 'a:' + k
    if name == 'clear_bit' and len(args) == 2 and len(args[0]) == 1:
        k = word_key(args[1])
        return k and 'b:' + args[0][0] + ':' + k
    return None


def flag_write(ts):
    """Key of the flag a statement sets or clears, or None."""
    s = flag_of_set(ts)
    return s[0] if s else flag_of_clear(ts)


# ---------------------------------------------------------------------
# Statements.

def _label_len(ts, i):
    """Length of a label prefix ('out:', 'case X:', 'default:') at i."""
    if ts[i] == 'default' and ts[i + 1:i + 2] == [':']:
        return 2
    if ts[i] == 'case':
        j = i
        while j < len(ts) and ts[j] != ':':
            j += 1
        return j - i + 1
    if is_ident(ts[i]) and ts[i + 1:i + 2] == [':'] and \
            ts[i] not in ('else',):
        return 2
    return 0


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
    if t in ('while', 'for', 'switch'):
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
        elif ts[j] == ';' and depth == 0:
            return j + 1
    return len(ts)


def statements(ts, i=0, j=None):
    """(start, end) of each statement in ts[i:j]."""
    j = len(ts) if j is None else j
    out = []
    while i < j:
        e = stmt_end(ts, i)
        if e <= i:
            break
        out.append((i, e))
        i = e
    return out


def loop_parts(ts):
    """(kind, cond tokens, body (start, end)) of a loop statement."""
    if not ts:
        return None
    if ts[0] in ('while', 'for'):
        c = close_of(ts, 1)
        if c < 0:
            return None
        cond = ts[2:c]
        if ts[0] == 'for':
            parts = split_top(cond, ';')
            if len(parts) != 3:
                return None
            cond = parts[1]
        return ts[0], cond, (c + 1, stmt_end(ts, c + 1))
    if ts[0] == 'do':
        e = stmt_end(ts, 1)
        if ts[e:e + 1] != ['while']:
            return None
        return 'do', ts[e + 2:close_of(ts, e + 1)], (1, e)
    return None


def visit(ts, i, j, depth, fn):
    """Call fn(start, end, depth) for every statement in ts[i:j], nested
    ones included; depth counts the loops and switches around it."""
    for s, e in statements(ts, i, j):
        fn(s, e, depth)
        n = _label_len(ts, s)
        s += n
        t = ts[s] if s < e else ''
        if t == '{':
            visit(ts, s + 1, e - 1, depth, fn)
        elif t == 'if':
            c = close_of(ts, s + 1)
            then_end = stmt_end(ts, c + 1)
            visit(ts, c + 1, then_end, depth, fn)
            if then_end < e and ts[then_end] == 'else':
                visit(ts, then_end + 1, e, depth, fn)
        elif t in ('while', 'for', 'switch'):
            c = close_of(ts, s + 1)
            visit(ts, c + 1, e, depth + 1, fn)
        elif t == 'do':
            b = stmt_end(ts, s + 1)
            visit(ts, s + 1, b, depth + 1, fn)


C_KEYWORDS = {'if', 'while', 'for', 'switch', 'return', 'sizeof', 'do',
              'case', 'else', 'typeof', '__typeof__', 'defined'}


def calls_in(ts):
    """Names of the functions (or macros) called in ts."""
    return {ts[k] for k in range(len(ts) - 1)
            if is_ident(ts[k]) and ts[k + 1] == '(' and
            ts[k] not in C_KEYWORDS}


def flag_break(ts, key):
    """True when ts is 'if (<flag set>) break;' (or a block of it)."""
    if ts[:1] != ['if'] or ts[1:2] != ['(']:
        return False
    c = close_of(ts, 1)
    rest = ts[c + 1:]
    if rest not in (['break', ';'], ['{', 'break', ';', '}']):
        return False
    return any_flag_term(ts[2:c], key, '||', 'set') and \
        all(polarity(d, key) == 'set' or is_should_stop(d, False)
            for d in split_top(ts[2:c], '||'))


def any_flag_term(cond, key, op, want):
    return any(polarity(d, key) == want for d in split_top(cond, op))


def loop_cond_ok(kind, cond, key):
    """'flag' when the loop runs until the flag is set, 'forever' when
    it only ends through a break, None when something else can end it."""
    cond = strip_parens(cond)
    if kind == 'for' and not cond or cond in (['1'], ['true']):
        return 'forever'
    terms = split_top(cond, '&&')
    if not any(polarity(t, key) == 'clear' for t in terms):
        return None
    if all(polarity(t, key) == 'clear' or is_should_stop(t, True)
           for t in terms):
        return 'flag'
    return None


def analyse_thread(ts, key):
    """Find the loop of a thread body (tokens) that polls the flag and
    check that the thread can only end once the flag is set, in a way
    kthread_stop() can bring about. Returns (loop, reason): the loop
    tokens or None, and why the thread cannot be rewritten or None.
    Both are None when the body does not poll the flag at all."""
    tops = statements(ts)
    for s, e in tops:
        if polling_loop(ts[s:e], key):
            break
        if loop_parts(ts[s:e]) and reads(ts[s:e], key):
            return ts[s:e], 'the loop that polls the flag can also end ' \
                'for another reason'
    else:
        return None, None
    loop = ts[s:e]
    body = loop[loop_parts(loop)[2][0]:loop_parts(loop)[2][1]]
    if ends_thread(ts[:s]):
        return loop, 'the thread can return before it is asked to stop'
    if ends_thread(body) or stray_break(body, key):
        return loop, 'the thread can leave its loop before it is asked ' \
            'to stop'
    raised = []
    visit(ts, 0, len(ts), 0,
          lambda a, b, d: raised.append(flag_of_set(ts[a:b])))
    if any(r and r[0] == key for r in raised):
        return loop, 'the thread raises the flag itself'
    if not calls_in(body) - BARRIERS - {'cpu_relax'}:
        return loop, 'the thread spins without sleeping'
    return loop, unwakeable_sleep(body, key) or lost_wakeup(loop, key)


def _calls(ts):
    """(i, c, [arg tokens]) of every call in ts: ts[i] is its name and
    ts[c] the parenthesis that closes its arguments."""
    for i in range(len(ts) - 1):
        if is_ident(ts[i]) and ts[i + 1] == '(':
            c = close_of(ts, i + 1)
            if c > 0:
                inner = ts[i + 2:c]
                yield i, c, split_top(inner, ',') if inner else []


def call_sites(ts):
    """(name, [arg tokens]) of every call in ts."""
    for i, _, args in _calls(ts):
        yield ts[i], args


# Guards (include/linux/cleanup.h) take a lock and hold it to the end of
# their scope: guard(mutex)(&l); and scoped_guard(mutex, &l) { ... }.
GUARDS = {'guard', 'scoped_guard'}


def lock_calls(ts):
    """(name, lock argument tokens) of every call in ts with an argument:
    a call's first argument, or the lock a guard takes."""
    for i, c, args in _calls(ts):
        if ts[i] == 'scoped_guard':
            if len(args) >= 2:
                yield ts[i], args[1]
        elif ts[i] == 'guard':
            d = close_of(ts, c + 1) if ts[c + 1:c + 2] == ['('] else -1
            if d > c + 2:
                yield ts[i], split_top(ts[c + 2:d], ',')[0]
        elif args:
            yield ts[i], args[0]


def unwakeable_sleep(body, key):
    """Why kthread_stop() could not wake the thread from a sleep in its
    loop: it only calls wake_up_process(), which a completion, a
    semaphore or a wait_event() whose condition ignores the stop request
    sleeps through."""
    for name, args in call_sites(body):
        if name in BLOCKING:
            return 'the thread sleeps in %s(), which kthread_stop() ' \
                'cannot interrupt' % name
        if UNTIMED_WAITS.match(name) and len(args) == 2 and \
                not any(polarity(d, key) == 'set' or
                        is_should_stop(d, False)
                        for d in split_top(strip_parens(args[1]), '||')):
            return 'the thread sleeps in %s() on a condition that does ' \
                'not include the flag' % name
    return None


def lost_wakeup(loop, key):
    """A plain schedule() after the flag test, with the task state set
    after it, sleeps through a stop request that comes in between."""
    body = loop[loop_parts(loop)[2][0]:loop_parts(loop)[2][1]]
    if body[:1] == ['{']:
        body = body[1:-1]
    tops = [body[s:e] for s, e in statements(body)]
    sleeps = [n for n, st in enumerate(tops) if st == ['schedule', '(', ')',
                                                        ';']]
    if not sleeps:
        return None
    states = [n for n, st in enumerate(tops)
              if as_call(st[:-1]) and as_call(st[:-1])[0] ==
              'set_current_state']
    tests = [n for n, st in enumerate(tops) if flag_break(st, key)]
    if states and tests and states[0] < tests[0] < sleeps[0]:
        return None
    return 'the thread tests the flag before it sets its task state, ' \
        'so a stop request could be lost'


def polling_loop(ts, key):
    """True when statement ts is a loop that runs until the flag is set."""
    lp = loop_parts(ts)
    if not lp:
        return False
    kind, cond, (bs, be) = lp
    how = loop_cond_ok(kind, cond, key)
    if how == 'flag':
        return True
    if how != 'forever':
        return False
    body = ts[bs:be]
    found = []
    visit(body, 0, len(body), 0,
          lambda a, b, d: found.append(d == 0 and
                                       flag_break(body[a:b], key)))
    return any(found)


def ends_thread(ts):
    return 'return' in ts or 'goto' in ts or bool(calls_in(ts) & EXIT_CALLS)


def stray_break(body, key):
    """A break that leaves the loop other than on the flag."""
    found = []

    def check(a, b, d):
        st = body[a:b]
        if d == 0 and st == ['break', ';']:
            found.append(a)
    allowed = []

    def allow(a, b, d):
        if d == 0 and flag_break(body[a:b], key):
            allowed.extend(range(a, b))
    visit(body, 0, len(body), 0, allow)
    visit(body, 0, len(body), 0, check)
    return any(a not in allowed for a in found)


def reads(ts, key):
    """Does any sub-expression of ts read the flag?"""
    for i in range(len(ts)):
        for j in range(i + 1, min(len(ts), i + 16) + 1):
            if read_key(ts[i:j]) == key:
                return True
    return False


def sleep_only(ts):
    """True when ts only sleeps or spins (the body of a busy-wait)."""
    calls = calls_in(ts)
    if not calls <= SLEEPS or '=' in ts:
        return False
    words = {t for t in ts if is_ident(t)}
    return words <= calls | SLEEP_WORDS


def analyse_wait(ts):
    """What the statement after the raised flag waits for:
    ('spin', key, 'done'|'running'), ('event', key, 'done'|'running', wq),
    ('guess',) or ('stop', task tokens); None for anything else."""
    lp = loop_parts(ts)
    if lp:
        kind, cond, (bs, be) = lp
        r = test_of(cond)
        if kind not in ('while', 'do') or not r or \
                not sleep_only(ts[bs:be]):
            return None
        return 'spin', r[0], 'done' if r[1] == 'clear' else 'running'
    if ts[-1:] != [';']:
        return None
    call = as_call(ts[:-1])
    if not call:
        return None
    name, args = call
    if WAIT_EVENTS.match(name) and len(args) in (2, 3):
        r = test_of(args[1])
        if not r:
            return None
        return 'event', r[0], 'done' if r[1] == 'set' else 'running', \
            strip_parens(args[0])
    if name in GUESS_SLEEPS and len(args) == 1:
        return ('guess',)
    if name == 'kthread_stop' and len(args) == 1:
        return 'stop', strip_parens(args[0])
    return None


def between_kind(ts):
    """How a statement between the raised flag and the wait is treated."""
    if ts[-1:] != [';']:
        return None
    call = as_call(ts[:-1])
    if not call:
        return None
    if call[0] in BARRIERS and not call[1]:
        return 'barrier'
    if call[0] in WAKEUPS:
        return 'wakeup'
    if LOGGING.match(call[0]):
        return 'log'
    return None


# ---------------------------------------------------------------------
# Where a function body reads and writes given flags, in one pass over
# its tokens (cheaper than asking spatch about every expression).

def flag_key_at(ts, i):
    """Key of the flag read by the lvalue that ends at ts[i], with its
    wrapper (atomic_read, test_bit), and the token range it spans."""
    if i + 1 < len(ts) and ts[i + 1] in ('->', '.', '['):
        return None
    j = i
    while j >= 2 and ts[j - 1] in ('->', '.'):
        if is_ident(ts[j - 2]):
            j -= 2
        else:
            break
    k = lvalue_key(ts[j:i + 1])
    if k is None:
        return None
    if ts[j - 1:j] == ['&'] and ts[j - 3:j - 1] == ['atomic_read', '(']:
        return 'a:' + k, j - 3, i + 2
    amp = 1 if ts[j - 1:j] == ['&'] else 0
    if ts[j - 4 - amp:j - 2 - amp] == ['test_bit', '('] and \
            ts[j - 1 - amp] == ',':
        return 'b:%s:%s' % (ts[j - 2 - amp], k), j - 4 - amp, i + 2
    return 'v:' + k, j, i + 1


def flag_uses(ts, keys):
    """Reads and writes of the flags named by keys in the body ts:
    ([(key, start, end)], [(key, 'set'|'clear', start, end)]), reads
    inside the written statements left out."""
    writes = []

    def note(a, b, depth):
        key = flag_write(ts[a:b])
        if key in keys:
            writes.append((key, 'set' if flag_of_set(ts[a:b]) else 'clear',
                           a, b))
    visit(ts, 0, len(ts), 0, note)
    names = {key.split(':')[-1].split('.')[-1] for key in keys}
    reads = []
    for i, t in enumerate(ts):
        if t not in names:
            continue
        found = flag_key_at(ts, i)
        if found and found[0] in keys and \
                not any(a <= found[1] < b for _, _, a, b in writes):
            reads.append(found)
    return reads, writes


def find_tokens(ts, sub):
    """Start indices of the occurrences of the token list sub in ts."""
    n = len(sub)
    return [i for i in range(len(ts) - n + 1) if ts[i:i + n] == sub]


def key_names(keys):
    """The last name of every flag or channel key: the identifier any
    expression that names that storage must contain."""
    return {k.replace(':', '.').split('.')[-1] for k in keys if k}


def may_name(code, keys):
    """A cheap test before tokenizing: can code name one of keys?"""
    text = str(code)
    return any(n in text for n in key_names(keys))


# The functions that start a thread, in the files seen so far.  Script
# constraints are not told the file; a name from another file only costs a
# match that the script rules then drop.
_START_FUNCS = set()


def note_start_func(pos):
    _START_FUNCS.add(pos[0].current_element)


def is_start_func(name):
    return name in _START_FUNCS


def in_start_func(pos):
    return pos[0].current_element in _START_FUNCS
