// SPDX-License-Identifier: GPL-2.0-only
/// Replace a hand-rolled thread stop flag with kthread_should_stop()
///
/// A kernel thread that polls a flag of its own (must_exit, stop, a bit in a
/// flags word, an atomic_t) while the stop path raises that flag and then
/// waits for the thread to notice (spinning on an "exited" or "running" flag,
/// wait_event(), a guessed msleep()) does the kthread stop protocol by hand,
/// racily. The thread polls kthread_should_stop() instead, the stop path calls
/// kthread_stop(), which raises the stop bit, wakes the thread and waits for
/// it to return. The kthread_run() result is kept and checked with IS_ERR(),
/// do_exit() at the end of the thread becomes a return (do_exit() is not
/// exported to modules since 5.17), and the flags go once nothing uses them.
///
//# A flag counts as a stop request only when a path raises it and then
//# waits for the thread to end. A thread that can end before it is asked
//# to stop, a flag read outside its thread, and a thread start that would
//# need an unwinding path are reported and left alone. Flags are paired
//# across the files spatch is given together: kthreadify gives it the
//# files of one kbuild module (Scope: module), coccicheck one file.
//
// Confidence: Moderate
// Copyright: (C) 2026 The kthreadify authors.
// Comments: The script rules share one decision per file; rewrites are
//  keyed by function and flag because positions do not survive rewrites.
// Options: --no-includes --include-headers
// Scope: module
// Keywords: kthread_run, kthread_create, kthread_stop, kthread_should_stop

virtual patch
virtual context
virtual org
virtual report
virtual explain

@initialize:python@
@@

import os
import sys

# The shared C-reading helpers live beside this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(cocci.cocci_file)))
from kthreadify_lib import *

# ---------------------------------------------------------------------
# What the rules below learn about one file, and what is decided there.

class Facts:
    def __init__(self):
        self.creations = {}   # thread function -> [creation]
        self.stoppers = []    # raise-then-wait sequences, any function
        self.bodies = {}      # thread function -> body tokens
        self.loops = {}       # thread function -> [(tokens, position)]
        self.locals = {}      # function -> names declared in it
        self.functions = {}   # function name -> body tokens
        self.uses = {}        # function name -> flag_uses() of its body
        self.decision = None
        self.still_used = set()
        self.closed = False
        self.fields = {}      # field name -> names of the structs with it


# The facts of the file, or of the group of files, being processed. spatch
# runs every rule over one file (or one group of files given together)
# before the next; the last rule closes the unit, and the first creation
# of the next unit starts afresh. File names cannot tell units apart:
# later rules see positions in spatch's rewritten copies.
current = [None]


def start_unit():
    if current[0] is None or current[0].closed:
        current[0] = Facts()


def close_unit():
    if current[0] is not None:
        current[0].closed = True


def facts(pos):
    return current[0]


def needs_undo(name):
    return name not in HARMLESS and not LOGGING.match(name) and \
        name not in ('IS_ERR', 'PTR_ERR', 'ERR_PTR')


class Reject(Exception):
    pass


def decide(f):
    """Pair every stop sequence with the thread that polls its flag and
    decide, for every pair, the rewrite or why there is none."""
    if f.decision is not None:
        return f.decision
    pairs, rejected = [], []
    watched = {s['key'] for s in f.stoppers} | \
        {s['wait'][1] for s in f.stoppers if s['wait'][0] in ('spin', 'event')}
    f.uses = {name: flag_uses(body, watched)
              for name, body in f.functions.items()}
    for key in sorted({s['key'] for s in f.stoppers}):
        stoppers = [s for s in f.stoppers if s['key'] == key]
        pollers = []
        for fn in sorted(f.bodies):
            loop, why = analyse_thread(f.bodies[fn], key)
            if loop:
                pollers.append((fn, loop, why))
        if not pollers:
            continue
        fn, loop, why = pollers[0]
        pos = loop_position(f, fn, loop) or stoppers[0]['pos']
        try:
            if len(pollers) > 1:
                raise Reject('the flag is polled by several threads')
            if why:
                raise Reject(why)
            pairs.append(pair_up(f, fn, key, stoppers, pos))
        except Reject as e:
            rejected.append(refusal(fn, key, stoppers, pos, str(e)))
    settle_creations(f, pairs, rejected)
    f.decision = pairs, rejected
    return f.decision


def refusal(fn, key, stoppers, pos, why):
    return {'fn': fn, 'key': key, 'stoppers': stoppers, 'pos': pos,
            'why': why}


def loop_position(f, fn, loop):
    for ts, pos in f.loops.get(fn, []):
        if ts == loop:
            return pos
    return None


def pair_up(f, fn, key, stoppers, pos):
    creations = f.creations.get(fn, [])
    if len(creations) != 1:
        raise Reject('the thread is started in %d places' % len(creations))
    exits = {tuple(s['wait'][1:3]) for s in stoppers
             if s['wait'][0] in ('spin', 'event')}
    if len(exits) > 1:
        raise Reject('the stop paths wait for different flags')
    starter = creations[0]['func']
    others = sorted({s['func'] for s in stoppers} - {starter})
    if len(others) > 1:
        raise Reject('the thread is stopped from %s(); once it is '
                     'gone, a second kthread_stop() would touch a freed '
                     'task' % '() and '.join(others))
    pair = {'fn': fn, 'key': key, 'stoppers': stoppers, 'pos': pos,
            'creation': creations[0], 'exit_key': None,
            'exit_removable': False, 'wq': None}
    check_flag_uses(f, fn, key, stoppers)
    if exits:
        exit_key, how = exits.pop()
        if not thread_writes(f.bodies[fn], exit_key,
                             'set' if how == 'done' else 'clear'):
            raise Reject('the stop path waits for a flag the thread '
                         'never changes')
        pair['exit_key'] = exit_key
        pair['exit_removable'] = not other_reads(f, exit_key, stoppers)
    wqs = [s['wait'][3] for s in stoppers if s['wait'][0] == 'event']
    if wqs and len(wqs[0]) == 1 and wq_only_for_exit(f, fn, wqs[0][0],
                                                     stoppers):
        pair['wq'] = wqs[0][0]
    return pair


def thread_writes(body, key, how):
    found = []
    visit(body, 0, len(body), 0, lambda a, b, d: found.append(body[a:b]))
    for ts in found:
        if how == 'set' and (flag_of_set(ts) or (None,))[0] == key:
            return True
        if how == 'clear' and flag_of_clear(ts) == key:
            return True
    return False


def wait_ranges(f, func, stoppers):
    """Token ranges of the stop paths' waits in the body of func."""
    body = f.functions.get(func, [])
    return [(i, i + len(s['wait_ts'])) for s in stoppers
            if s['func'] == func for i in find_tokens(body, s['wait_ts'])]


def other_reads(f, key, stoppers):
    """Is key read anywhere but in the waits of its stop paths?"""
    for func, (reads, _) in f.uses.items():
        waits = wait_ranges(f, func, stoppers)
        if any(k == key and not any(a <= start < b for a, b in waits)
               for k, start, _ in reads):
            return True
    return False


def check_flag_uses(f, fn, key, stoppers):
    """The flag may only be polled by the thread, raised by the stop
    paths and cleared before the thread starts."""
    for func in sorted(f.uses):
        if func == fn:
            continue
        reads, writes = f.uses[func]
        if any(k == key for k, _, _ in reads):
            raise Reject('the flag is also read in %s()' % func)
        for k, how, a, b in writes:
            if k != key or how == 'clear':
                continue
            raised = f.functions[func][a:b]
            if not any(s['func'] == func and s['set_ts'] == raised
                       for s in stoppers):
                raise Reject('the flag is raised in %s() without waiting '
                             'for the thread' % func)


def wq_only_for_exit(f, fn, wq, stoppers):
    """Does the wait queue serve nothing but the exit handshake: declared
    at file scope, waited on by the stop paths, woken by the thread?"""
    for func, body in f.functions.items():
        if func == fn:
            continue
        waits = wait_ranges(f, func, stoppers)
        if any(t == wq and not any(a <= i < b for a, b in waits)
               for i, t in enumerate(body)):
            return False
    body = f.bodies[fn]
    stmts = []
    visit(body, 0, len(body), 0, lambda a, b, d: stmts.append(body[a:b]))
    woken = sum(1 for ts in stmts if wakes(ts, wq))
    return woken == body.count(wq)


def wakes(ts, wq):
    """Is ts a statement that only wakes the wait queue wq?"""
    call = as_call(ts[:-1]) if ts[-1:] == [';'] else None
    return bool(call and call[0] in WAKEUPS and len(call[1]) == 1 and
                call[1][0] == ['&', wq])


# ---------------------------------------------------------------------
# Starting the thread: where its task pointer lives and how it is checked.

def settle_creations(f, pairs, rejected):
    """Decide the task pointer and the creation rewrite of every pair.
    A creation that must be checked from now on may only follow code
    that needs no undoing, or the start of another thread rewritten here,
    which is stopped again when this one fails to start."""
    pending = list(pairs)
    pairs[:] = []
    progress = True
    while pending and progress:
        progress = False
        for pair in list(pending):
            try:
                done = settle(f, pair, pairs, pending)
            except Reject as e:
                rejected.append(refusal(pair['fn'], pair['key'],
                                        pair['stoppers'], pair['pos'],
                                        str(e)))
                done = True
            else:
                if done:
                    pairs.append(pair)
            if done:
                pending.remove(pair)
                progress = True
    for pair in pending:
        rejected.append(refusal(pair['fn'], pair['key'], pair['stoppers'],
                                pair['pos'], UNWIND))


UNWIND = 'starting the thread follows code that would need undoing ' \
    'if it failed'


def settle(f, pair, settled, pending):
    """Fill in pair's creation rewrite; False while it waits for the
    pairs whose threads are started before its own."""
    c = pair['creation']
    if c['shape'] is None:
        raise Reject('the thread is started inside an expression or a '
                     'declaration, which this rule does not rewrite')
    task = c['target'] or new_task(pair)
    pair['task'] = task
    pair['task_new'] = not c['target']
    pair['check'] = classify_check(c, task)
    pair['wake'] = wake_after(c, task, pair['check'])
    pair['unwind'] = []
    if pair['check'] == 'none':
        if c['ret'] != 'int':
            raise Reject('the thread is started in %s(), which cannot '
                         'return an error' % c['func'])
        for name, line in c['before']:
            same = [p for p in settled + pending if p is not pair and
                    p['creation']['func'] == c['func'] and
                    p['creation']['line'] == line and
                    p['creation']['creator'] == name]
            if not same:
                task = started_task(f, c, name, line)
                if task is None:
                    raise Reject(UNWIND)
                pair['unwind'].insert(0, task)
                continue
            if same[0] in pending:
                return False
            pair['unwind'].insert(0, same[0]['task'])
    for s in pair['stoppers']:
        s['task'] = stopper_task(f, pair, s)
    return True


KTHREAD_CREATORS = ('kthread_run', 'kthread_create',
                    'kthread_create_on_node', 'kthread_create_on_cpu',
                    'kthread_run_on_cpu')


def started_task(f, c, name, line):
    """The task pointer of a kthread started, and checked, before this
    creation, when kthread_stop() on it undoes that start: the pointer
    outlives the function and the module already stops that thread with
    kthread_stop() on it, so the thread honours kthread_should_stop()."""
    if name not in KTHREAD_CREATORS or line not in c['before_tasks']:
        return None
    task, check = c['before_tasks'][line]
    if not task or task[0] in f.locals.get(c['func'], ()):
        return None
    try:
        checked = classify_check({'target': task, 'next': check}, task)
    except Reject:
        return None
    if checked not in ('iserr', 'null'):
        return None
    stop = ['kthread_stop', '('] + task + [')']
    for func, body in f.functions.items():
        if func != c['func'] and find_tokens(body, stop):
            return task
    return None


def new_task(pair):
    """Task pointer for a thread whose kthread_run() result was dropped:
    a file-scope pointer next to a file-scope flag, a member next to a
    member flag (reached through the thread's data argument)."""
    name = pair['fn'] + '_task'
    place = flag_place(pair['key'])
    if place[0] == 'g':
        return [name]
    if '.' in place[1]:
        raise Reject('the flag is nested too deep to add a task pointer '
                     'next to it')
    data = pair['creation']['args'][1] if len(pair['creation']['args']) > 1 \
        else []
    data = strip_parens(data)
    if data[:1] == ['&'] and split_lvalue(data[1:]):
        return strip_parens(data[1:]) + ['.', name]
    if len(data) == 1 and is_ident(data[0]):
        return data + ['->', name]
    raise Reject('the thread data argument does not name the structure '
                 'that holds the flag')


def flag_place(key):
    """('g', name) or ('m', path) of the storage behind a flag key."""
    parts = key.split(':')
    return parts[-2], parts[-1]


def classify_check(c, task):
    nxt = c['next']
    if c['target'] is None or not nxt:
        return 'none'
    if nxt[:2] == ['if', '(']:
        cond = strip_parens(nxt[2:close_of(nxt, 1)])
        call = as_call(cond)
        if call and call[0] in ('likely', 'unlikely') and len(call[1]) == 1:
            cond = strip_parens(call[1][0])
            call = as_call(cond)
        if call and call[0] in ('IS_ERR', 'IS_ERR_OR_NULL') and \
                call[1] == [task]:
            return 'iserr'
        if cond == ['!'] + task or \
                cond in (task + ['==', 'NULL'], ['NULL', '=='] + task,
                         task + ['==', '0']):
            return 'null'
        if any(t == task[0] for t in cond):
            raise Reject('the kthread_run() result is tested in a way '
                         'this rule does not rewrite')
    return 'none'


def wake_after(c, task, check):
    """Is kthread_create() followed by wake_up_process() on the task,
    right away or right after its check?"""
    if c['creator'] != 'kthread_create' or c['target'] is None:
        return False
    wake = ['wake_up_process', '(', ] + task + [')', ';']
    if check == 'none':
        return c['next'] == wake
    return c['next2'] == wake


def stopper_task(f, pair, s):
    """The task pointer as the stop path can reach it."""
    if s['wait'][0] == 'stop':
        return s['wait'][1]
    task = pair['task']
    c = pair['creation']
    t_parts = split_lvalue(task)
    if t_parts is None:
        raise Reject('the task pointer is not a variable or a member')
    if not t_parts[0]:
        if task[0] in f.locals.get(c['func'], ()):
            raise Reject('the task pointer is local to %s()' % c['func'])
        return task
    base = t_parts[0]
    if flag_place(pair['key'])[0] == 'm':
        data = c['args'][1] if len(c['args']) > 1 else []
        data = strip_parens(data)
        if data[:1] == ['&']:
            data = strip_parens(data[1:])
        if data != base:
            raise Reject('the task pointer and the flag live in '
                         'different structures')
        f_parts = split_lvalue(s['lv'])
        if f_parts and f_parts[0]:
            return f_parts[0] + [f_parts[1]] + task[len(base) + 1:]
    if len(base) == 1 and base[0] not in f.locals.get(c['func'], ()):
        return task
    raise Reject('the stop path in %s() cannot reach the task pointer'
                 % s['func'])


def check_statement(pair):
    """The IS_ERR() test added after a creation that had none."""
    t = text(pair['task'])
    undo = ''.join('kthread_stop(%s);\n' % text(u) for u in pair['unwind'])
    if undo:
        return 'if (IS_ERR(%s)) {\n%sreturn PTR_ERR(%s);\n}' % (t, undo, t)
    return 'if (IS_ERR(%s))\nreturn PTR_ERR(%s);' % (t, t)


# ---------------------------------------------------------------------
# Recording facts from the matching rules.

def element(pos):
    """The function a position lies in, None at file scope."""
    name = pos[0].current_element
    return None if name == 'something_else' else name


def note_creation(pc, fn, creator, args):
    note_start_func(pc)
    start_unit()
    f = facts(pc)
    c = {'fn': fn, 'creator': creator, 'func': element(pc),
         'line': int(pc[0].line), 'col': int(pc[0].column), 'pos': pc,
         'args': [[fn]] + (split_top(toks(args), ',') if toks(args)
                           else []),
         'shape': None, 'target': None, 'next': None, 'next2': None,
         'ret': None, 'before': [], 'before_tasks': {}}
    same = [o for o in f.creations.get(fn, [])
            if (o['line'], o['col']) == (c['line'], c['col'])]
    if not same:
        f.creations.setdefault(fn, []).append(c)


def creation_at(pc):
    for cs in facts(pc).creations.values():
        for c in cs:
            if (c['line'], c['col']) == (int(pc[0].line), int(pc[0].column)):
                return c
    raise KeyError(pc[0].line)


def note_stopper(ps, pw, st, s1, s2):
    f = facts(ps)
    raised = flag_of_set(toks(s1))
    s = {'func': st, 'key': raised[0], 'lv': raised[1],
         'set_ts': toks(s1), 'wait_ts': toks(s2),
         'wait': analyse_wait(toks(s2)), 'pos': ps,
         'first': int(ps[0].line), 'wait_first': int(pw[0].line),
         'wait_last': int(pw[0].line_end)}
    if all((o['func'], o['first']) != (st, s['first']) for o in f.stoppers):
        f.stoppers.append(s)


def note_function(name, body):
    current[0].functions[name] = toks(body)


def has_resets_to_drop(func):
    f = current[0]
    decide(f)
    return any(resets_to_drop_in(f, func, key)
               for key, _, _, _ in f.uses.get(func, ([], []))[1])


def is_loop(stmt):
    ts = toks(stmt)
    return bool(ts) and ts[0] in ('while', 'for', 'do')


def is_raise(stmt):
    ts = toks(stmt)
    return bool(ts) and flag_of_set(ts) is not None


def is_wait(stmt):
    ts = toks(stmt)
    return bool(ts) and analyse_wait(ts) is not None


def is_between(stmt):
    ts = toks(stmt)
    return bool(ts) and between_kind(ts) is not None


def is_barrier(stmt):
    ts = toks(stmt)
    return bool(ts) and between_kind(ts) == 'barrier'


# ---------------------------------------------------------------------
# Handing decisions to the rewriting rules.

def pairs_of(pos):
    f = facts(pos)
    return decide(f)[0]


def approved_stopper(pos, func):
    for pair in pairs_of(pos):
        for s in pair['stoppers']:
            if s['func'] == func and s['first'] == int(pos[0].line):
                return pair, s
    return None


def first_time(pos, *what):
    """True the first time this combination is handed out in this file,
    so that no rewrite is requested twice."""
    f = facts(pos)
    seen = f.__dict__.setdefault('handed', set())
    if what in seen:
        return False
    seen.add(what)
    return True


def approved_pair(pos, fn):
    for pair in pairs_of(pos):
        if pair['fn'] == fn:
            return pair
    return None


def thread_of(fn):
    f = current[0]
    for pair in (f.decision[0] if f and f.decision else []):
        if pair['fn'] == fn:
            return pair
    return None


def approved_keys():
    f = current[0]
    return {p['key'] for p in (f.decision[0] if f and f.decision else [])}


def stop_cleared(expr):
    """Does expr test that some rewritten stop flag is clear?"""
    r = test_of(toks(expr))
    return bool(r) and r[0] in approved_keys() and r[1] == 'clear'


def stop_raised(expr):
    r = test_of(toks(expr))
    return bool(r) and r[0] in approved_keys() and r[1] == 'set'


def thread_drops(stmt, fn):
    """Statements the thread loses: writes of its stop flag, of an exit
    flag nobody else reads, and wake-ups of a queue only the exit
    handshake used."""
    pair = thread_of(fn)
    ts = toks(stmt)
    if not pair or not ts:
        return False
    key = flag_write(ts)
    if key is not None and (key == pair['key'] or
                            (key == pair['exit_key'] and
                             pair['exit_removable'])):
        return True
    return pair['wq'] is not None and wakes(ts, pair['wq'])


def raises_for(stmt, func, task):
    """Does stmt raise the flag of the pair that func stops via task?"""
    f = current[0]
    ts = toks(stmt)
    r = flag_of_set(ts) if ts and f and f.decision else None
    if not r:
        return False
    for pair in f.decision[0]:
        for s in pair['stoppers']:
            if s['func'] == func and s['key'] == r[0] and \
                    toks(text(s['task'])) == toks(task):
                return True
    return False


def reset_dropped(stmt, func):
    ts = toks(stmt)
    f = current[0]
    if not ts or not f:
        return False
    key = flag_write(ts)
    return key is not None and resets_to_drop_in(f, func, key)


def resets_to_drop_in(f, func, key):
    """Is a write of key in func (outside the thread) to be dropped?"""
    for pair in decide(f)[0]:
        if func == pair['fn']:
            continue
        if key == pair['key']:
            return True
        if key == pair['exit_key'] and pair['exit_removable']:
            return True
    return False


def raises_kept(stmt, func):
    """Does stmt raise a flag that func also stops with kthread_stop()?"""
    f = current[0]
    ts = toks(stmt)
    r = flag_of_set(ts) if ts and f and f.decision else None
    return bool(r) and any(s['func'] == func and s['key'] == r[0] and
                           s['wait'][0] == 'stop'
                           for pair in f.decision[0]
                           for s in pair['stoppers'])


# ---------------------------------------------------------------------
# Declarations, once the rewrites are done: flags and wait queues that
# nothing uses any more go, the new task pointers take their place.

def storage(key):
    """('g', global name) or ('f', field name) a flag key lives in."""
    where, name = flag_place(key)
    return ('g', name) if where == 'g' else ('f', name.split('.')[-1])


def decl_candidates(f):
    if 'decl_candidates' not in f.__dict__:
        cands = set()
        for pair in decide(f)[0]:
            cands.add(storage(pair['key']))
            if pair['exit_key'] and pair['exit_removable']:
                cands.add(storage(pair['exit_key']))
            if pair['wq']:
                cands.add(('g', pair['wq']))
        f.decl_candidates = cands
    return f.decl_candidates


def global_candidate(name):
    f = current[0]
    return f is not None and f.decision is not None and \
        ('g', name) in decl_candidates(f)


def field_candidate(name):
    f = current[0]
    return f is not None and f.decision is not None and \
        ('f', name) in decl_candidates(f)


def note_still_used(p, kind, name):
    """A use left after the rewrites; a global's own declaration, which
    spatch sees as an expression inside a declarer, does not count."""
    if kind == 'g' and element(p) in (None, name):
        return
    facts(p).still_used.add((kind, name))


def removable(f, kind, name):
    if (kind, name) not in decl_candidates(f) or \
            (kind, name) in f.still_used:
        return False
    if kind == 'f':
        return len(f.fields.get(name, ())) == 1
    return True


def task_decl_for(f, kind, name):
    """Name of the new task pointer that goes where the flag kind/name
    is declared, or None."""
    for pair in decide(f)[0]:
        if pair['task_new'] and storage(pair['key']) == (kind, name):
            return pair['task'][-1]
    return None


def decl_action(p, kind, name, struct=None):
    """What happens to the declaration of name: ('drop', None),
    ('replace', task), ('after', task) or None."""
    f = facts(p)
    if kind == 'g' and element(p) not in (None, name):
        return None
    if kind == 'f' and f.fields.get(name) != {struct}:
        return None
    task = task_decl_for(f, kind, name)
    if removable(f, kind, name):
        return ('replace', task) if task else ('drop', None)
    return ('after', task) if task else None


# ---------------------------------------------------------------------
# Findings, for the report, org and explain modes.

def flag_name(key):
    kind, rest = key.split(':', 1)
    if kind == 'b':
        bit, rest = rest.split(':', 1)
    where, path = rest.split(':', 1)
    name = path if where == 'g' else '->' + path.replace('.', '.')
    if kind == 'a':
        return 'atomic_t ' + name
    if kind == 'b':
        return 'bit %s of %s' % (bit, name)
    return name


def stopper_names(stoppers):
    return ', '.join(sorted({s['func'] + '()' for s in stoppers}))


def findings(f):
    """(position, message) of every finding in the file, in file order."""
    pairs, rejected = decide(f)
    out = []
    for pair in pairs:
        one = len({s['func'] for s in pair['stoppers']}) == 1
        out.append((pair['pos'], 'WARNING: hand-rolled stop flag %s: '
                    '%s() polls it, %s raise%s it and wait%s; use '
                    'kthread_should_stop() and kthread_stop()'
                    % (flag_name(pair['key']), pair['fn'],
                       stopper_names(pair['stoppers']),
                       's' if one else '', 's' if one else '')))
    for r in rejected:
        out.append((r['pos'], 'WARNING: hand-rolled stop flag %s of %s() '
                    'not rewritten: %s'
                    % (flag_name(r['key']), r['fn'], r['why'])))
    out.sort(key=lambda x: (int(x[0][0].line), int(x[0][0].column)))
    return out


def refusals(f):
    return [x for x in findings(f) if ' not rewritten: ' in x[1]]


def raises_approved(stmt, func):
    """Does stmt raise a rewritten flag in one of its stop paths, func?"""
    f = current[0]
    ts = toks(stmt)
    r = flag_of_set(ts) if ts and f and f.decision else None
    return bool(r) and any(s['func'] == func and s['key'] == r[0]
                           for pair in f.decision[0]
                           for s in pair['stoppers'])
// ---------------------------------------------------------------------
// Facts: where threads start, how they poll, who raises which flag.

// Spelled out, not an identifier set, so that spatch derives a grep query
// from the names and only parses files that start a thread.
@creation@
identifier fn;
expression list args;
position pc;
@@

(
kthread_run@pc(fn, args)
|
kthread_create@pc(fn, args)
|
kthread_create_on_node@pc(fn, args)
|
kthread_run_on_cpu@pc(fn, args)
)

@creation_name@
identifier creation.fn;
position creation.pc;
identifier creator;
@@

creator@pc(fn, ...)

@script:python@
fn << creation.fn;
creator << creation_name.creator;
args << creation.args;
pc << creation.pc;
@@

note_creation(pc, fn, creator, args)

// Nothing else is worth looking at in a file where no path raises a flag
// and then waits: every later rule depends on this one.
@stopper depends on creation exists@
identifier st;
statement S1 : script:python() { is_raise(S1) };
statement S2 : script:python() { is_wait(S2) };
statement B1 : script:python() { is_between(B1) };
statement B2 : script:python() { is_between(B2) };
position ps, pw;
@@

st(...) {
  ... when any
(
  S1@ps
  S2@pw
|
  S1@ps
  B1
  S2@pw
|
  S1@ps
  B1
  B2
  S2@pw
)
  ... when any
}

@script:python@
st << stopper.st;
s1 << stopper.S1;
s2 << stopper.S2;
ps << stopper.ps;
pw << stopper.pw;
@@

note_stopper(ps, pw, st, s1, s2)

@creation_drop depends on stopper@
identifier creation.fn, creation_name.creator;
position creation.pc;
@@

creator@pc(fn, ...);

@script:python@
pc << creation.pc;
@@

creation_at(pc)['shape'] = 'drop'

@creation_store depends on stopper@
identifier creation.fn, creation_name.creator;
position creation.pc;
expression T;
@@

T = creator@pc(fn, ...);

@script:python@
pc << creation.pc;
t << creation_store.T;
@@

creation_at(pc)['shape'] = 'store'
creation_at(pc)['target'] = strip_parens(toks(t))

@creation_next depends on stopper exists@
identifier creation.fn, creation_name.creator;
position creation.pc;
expression T;
statement S1;
@@

T = creator@pc(fn, ...);
S1

@script:python@
pc << creation.pc;
s1 << creation_next.S1;
@@

creation_at(pc)['next'] = toks(s1)

@creation_next2 depends on stopper exists@
identifier creation.fn, creation_name.creator;
position creation.pc;
expression T;
statement S1, S2;
@@

T = creator@pc(fn, ...);
S1
S2

@script:python@
pc << creation.pc;
s2 << creation_next2.S2;
@@

creation_at(pc)['next2'] = toks(s2)

// The function of the start, found by name: a nest over every body is
// slow on large files.
@creation_func depends on stopper@
identifier f : script:python() { is_start_func(f) };
type RT;
@@

RT f(...) { ... }

@script:python@
pc << creation.pc;
f << creation_func.f;
rt << creation_func.RT;
@@

if element(pc) == f:
    creation_at(pc)['ret'] = ' '.join(t for t in toks(rt)
                                       if not t.startswith('__'))

@creation_before depends on stopper exists@
identifier creation.fn, creation_name.creator;
position creation.pc;
identifier g : script:python() { needs_undo(g) };
position pg;
@@

g@pg(...)
...
creator@pc(fn, ...)

@script:python@
pc << creation.pc;
g << creation_before.g;
pg << creation_before.pg;
@@

if (pg[0].line, pg[0].column) != (pc[0].line, pc[0].column):
    before = creation_at(pc)['before']
    if (g, int(pg[0].line)) not in before:
        before.append((g, int(pg[0].line)))
        before.sort(key=lambda b: b[1])

@creation_before_task depends on stopper exists@
identifier creation.fn, creation_name.creator, creation_before.g;
position creation.pc, creation_before.pg;
expression T;
statement S;
@@

T = g@pg(...);
S
...
creator@pc(fn, ...)

@script:python@
pc << creation.pc;
pg << creation_before.pg;
t << creation_before_task.T;
s << creation_before_task.S;
@@

creation_at(pc)['before_tasks'][int(pg[0].line)] = (toks(t), toks(s))

@creation_params depends on stopper@
identifier creation_func.f;
identifier L;
type T;
@@

f(..., T L, ...) { ... }

@script:python@
pc << creation.pc;
f << creation_func.f;
l << creation_params.L;
@@

facts(pc).locals.setdefault(f, set()).add(l)

@creation_locals depends on stopper@
identifier L;
type T;
expression E;
position p : script:python() { in_start_func(p) };
@@

(
T L@p;
|
T L@p = E;
)

@script:python@
pc << creation.pc;
l << creation_locals.L;
p << creation_locals.p;
@@

if element(p) == element(pc) and p[0].file == pc[0].file:
    facts(pc).locals.setdefault(element(pc), set()).add(l)

@thread_body depends on stopper@
identifier creation.fn, arg;
type T;
statement list SL;
position pf;
@@

int fn@pf(T arg) { SL }

@script:python@
fn << creation.fn;
sl << thread_body.SL;
pf << thread_body.pf;
@@

facts(pf).bodies[fn] = toks(sl)

@thread_loop depends on stopper exists@
identifier creation.fn, arg;
type T;
statement L : script:python() { is_loop(L) };
position pl;
@@

int fn(T arg) {
  ... when any
  L@pl
  ... when any
}

@script:python@
fn << creation.fn;
l << thread_loop.L;
pl << thread_loop.pl;
@@

loops = facts(pl).loops.setdefault(fn, [])
if all(p[0].line != pl[0].line for _, p in loops):
    loops.append((toks(l), pl))

@functions depends on stopper@
identifier F;
statement list SL;
@@

F(...) { SL }

@script:python@
f << functions.F;
sl << functions.SL;
@@

note_function(f, sl)

// ---------------------------------------------------------------------
// Decisions handed to the rewriting rules, keyed by function and flag:
// positions do not survive the rewrites that come before them.

@script:python ok_stop@
st << stopper.st;
ps << stopper.ps;
ST;
T;
@@

found = approved_stopper(ps, st)
if found and found[1]['wait'][0] != 'stop' and \
        first_time(ps, 'stop', st, found[0]['key']):
    coccinelle.ST = cocci.make_ident(st)
    coccinelle.T = cocci.make_expr(text(found[1]['task']))
else:
    coccinelle.ST = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_stop_kept@
st << stopper.st;
ps << stopper.ps;
ST;
@@

found = approved_stopper(ps, st)
ok = found and found[1]['wait'][0] == 'stop' and \
    first_time(ps, 'kept', st, found[0]['key'])
coccinelle.ST = cocci.make_ident(st if ok else NO_NAME)

@script:python ok_barrier@
st << stopper.st;
ps << stopper.ps;
ST;
T;
@@

found = approved_stopper(ps, st)
if found and first_time(ps, 'barrier', st, found[0]['key']):
    coccinelle.ST = cocci.make_ident(st)
    coccinelle.T = cocci.make_expr(text(found[1]['task']))
else:
    coccinelle.ST = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_thread@
fn << creation.fn;
pc << creation.pc;
FN;
@@

ok = approved_pair(pc, fn) and first_time(pc, 'thread', fn)
coccinelle.FN = cocci.make_ident(fn if ok else NO_NAME)

@script:python ok_drop@
fn << creation.fn;
pc << creation.pc;
FN;
T;
CHK;
@@

pair = approved_pair(pc, fn)
if pair and pair['creation']['shape'] == 'drop':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
    coccinelle.CHK = cocci.make_stmt(check_statement(pair))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)
    coccinelle.CHK = cocci.make_stmt(NO_STMT)

@script:python ok_null@
fn << creation.fn;
pc << creation.pc;
FN;
T;
@@

pair = approved_pair(pc, fn)
if pair and pair['check'] == 'null':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_wake@
fn << creation.fn;
pc << creation.pc;
FN;
T;
@@

pair = approved_pair(pc, fn)
if pair and pair['wake']:
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)

@script:python ok_addcheck@
fn << creation.fn;
pc << creation.pc;
FN;
T;
CHK;
@@

pair = approved_pair(pc, fn)
if pair and pair['creation']['shape'] == 'store' and \
        pair['check'] == 'none':
    coccinelle.FN = cocci.make_ident(fn)
    coccinelle.T = cocci.make_expr(text(pair['task']))
    coccinelle.CHK = cocci.make_stmt(check_statement(pair))
else:
    coccinelle.FN = cocci.make_ident(NO_NAME)
    coccinelle.T = cocci.make_expr(NO_EXPR)
    coccinelle.CHK = cocci.make_stmt(NO_STMT)

@script:python ok_reset@
func << functions.F;
FUNC;
@@

coccinelle.FUNC = cocci.make_ident(func if has_resets_to_drop(func)
                                   else NO_NAME)

// ---------------------------------------------------------------------
// The stop paths: raise + wait becomes kthread_stop().

@rules2_1 depends on patch@
identifier ok_stop.ST;
expression ok_stop.T;
statement S1 : script:python(ST, T) { raises_for(S1, ST, T) };
statement S2 : script:python() { is_wait(S2) };
statement B1 : script:python() { is_between(B1) };
statement B2 : script:python() { is_between(B2) };
@@

ST(...) {
  <...
(
- S1
- S2
+ kthread_stop(T);
|
- S1
  B1
- S2
+ kthread_stop(T);
|
- S1
  B1
  B2
- S2
+ kthread_stop(T);
)
  ...>
}

@rules2_2 depends on patch@
identifier ok_stop_kept.ST;
statement S1 : script:python(ST) { raises_kept(S1, ST) };
@@

ST(...) {
  <...
- S1
  ...>
}

// A barrier that ordered the flag against the wait has nothing left to
// order once kthread_stop() does both, and kthread_stop() wakes the
// thread itself.
@rules2_3 depends on patch@
identifier ok_barrier.ST;
expression ok_barrier.T;
statement B : script:python() { is_barrier(B) };
statement W : script:python() { is_between(W) };
@@

ST(...) {
  <...
(
- B
  kthread_stop(T);
|
- B
  W
  kthread_stop(T);
|
- wake_up_process(T);
  kthread_stop(T);
)
  ...>
}

// ---------------------------------------------------------------------
// Starting the thread: keep the task pointer, check it with IS_ERR().

@rules3_1 depends on patch@
identifier creation_name.creator;
identifier ok_drop.FN;
expression ok_drop.T;
statement ok_drop.CHK;
expression list args;
@@

- creator(FN, args);
+ T = creator(FN, args);
+ CHK

@rules3_2 depends on patch@
identifier creation_name.creator;
identifier ok_null.FN;
expression ok_null.T;
statement S;
@@

  T = creator(FN, ...);
  if (
- \(!T\|T == NULL\|NULL == T\|T == 0\)
+ IS_ERR(T)
  ) S

// The error code of a failed start is in the pointer; use it where the
// failure branch only returns, or first sets the return value.
@rules3_3 depends on patch@
identifier creation_name.creator;
identifier ok_null.FN;
expression ok_null.T;
identifier E =~ "^E[A-Z0-9]+$";
identifier ret;
@@

  T = creator(FN, ...);
  if (IS_ERR(T))
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
)

@rules3_4 depends on patch@
identifier ok_wake.FN;
expression ok_wake.T;
expression list args;
statement S;
@@

(
- T = kthread_create(FN, args);
+ T = kthread_run(FN, args);
  if (\(IS_ERR(T)\|IS_ERR_OR_NULL(T)\)) S
- wake_up_process(T);
|
- T = kthread_create(FN, args);
+ T = kthread_run(FN, args);
- wake_up_process(T);
)

@rules3_5 depends on patch@
identifier creator = {kthread_run, kthread_create_on_node,
                      kthread_run_on_cpu};
identifier ok_addcheck.FN;
expression ok_addcheck.T;
statement ok_addcheck.CHK;
expression list args;
@@

  T = creator(FN, args);
+ CHK

// ---------------------------------------------------------------------
// The thread: poll kthread_should_stop(), drop the handshake writes.

@rules3_6 depends on patch@
identifier ok_thread.FN;
expression E : script:python() { stop_cleared(E) };
@@

FN(...) {
  <...
- E
+ !kthread_should_stop()
  ...>
}

@rules3_7 depends on patch@
identifier ok_thread.FN;
expression E : script:python() { stop_raised(E) };
@@

FN(...) {
  <...
- E
+ kthread_should_stop()
  ...>
}

@rules3_8 depends on patch@
identifier ok_thread.FN;
@@

FN(...) {
  <...
(
  !kthread_should_stop()
- && !kthread_should_stop()
|
  kthread_should_stop()
- || kthread_should_stop()
)
  ...>
}

@rules3_9 depends on patch@
identifier ok_thread.FN;
statement S : script:python(FN) { thread_drops(S, FN) };
@@

FN(...) {
  <...
- S
  ...>
}

// The read barrier paired the flag with the stopper's write barrier.
@rules3_10 depends on patch@
identifier ok_thread.FN;
statement B : script:python() { is_barrier(B) };
@@

FN(...) {
  <...
- B
  if (kthread_should_stop()) break;
  ...>
}

@rules3_11 depends on patch@
identifier ok_thread.FN;
identifier arg;
type T;
expression E;
@@

int FN(T arg) {
  ...
(
- do_exit(E);
+ return E;
|
- kthread_exit(E);
+ return E;
)
}

// A local that only carried the flag out of the thread argument.
@rules3_12 depends on patch@
identifier ok_thread.FN;
identifier arg, v;
type T, T2;
@@

int FN(T arg) {
  ... when != v
- T2 v = arg;
  ... when != v
}

// Resets of the stop flag, and of an exit flag nobody reads any more,
// outside the thread.
@rules3_13 depends on patch@
identifier ok_reset.FUNC;
statement S : script:python(FUNC) { reset_dropped(S, FUNC) };
@@

FUNC(...) {
  <...
- S
  ...>
}

// ---------------------------------------------------------------------
// What the rewrites left unused, and where the new task pointers go.

@still_global depends on patch && stopper@
identifier I : script:python() { global_candidate(I) };
position p;
@@

I@p

@script:python@
i << still_global.I;
p << still_global.p;
@@

note_still_used(p, 'g', i)

@still_field depends on patch && stopper@
expression E;
identifier F : script:python() { field_candidate(F) };
position p;
@@

(
E->F@p
|
E.F@p
)

@script:python@
fld << still_field.F;
p << still_field.p;
@@

note_still_used(p, 'f', fld)

@global_decl depends on patch && stopper@
identifier I : script:python() { global_candidate(I) };
type T;
expression E;
position p;
@@

(
T I@p;
|
T I@p = E;
)

@script:python ok_global@
i << global_decl.I;
p << global_decl.p;
DROP;
REPL;
AFTER;
TASK;
@@

act = decl_action(p, 'g', i) or (None, None)
coccinelle.DROP = cocci.make_ident(i if act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(i if act[0] == 'replace' else NO_NAME)
coccinelle.AFTER = cocci.make_ident(i if act[0] == 'after' else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] or NO_NAME)

@wq_decl depends on patch && stopper@
declarer name DECLARE_WAIT_QUEUE_HEAD;
identifier I : script:python() { global_candidate(I) };
position p;
@@

DECLARE_WAIT_QUEUE_HEAD@p(I);

@script:python ok_wq@
i << wq_decl.I;
p << wq_decl.p;
DROP;
@@

act = decl_action(p, 'g', i) or (None, None)
coccinelle.DROP = cocci.make_ident(i if act[0] == 'drop' else NO_NAME)

@field_decl depends on patch && stopper@
identifier S, F : script:python() { field_candidate(F) };
type T;
position p;
@@

struct S { ... T F@p; ... };

@script:python@
s << field_decl.S;
fld << field_decl.F;
@@

current[0].fields.setdefault(fld, set()).add(s)

@script:python ok_field@
s << field_decl.S;
fld << field_decl.F;
p << field_decl.p;
SN;
DROP;
REPL;
AFTER;
TASK;
@@

act = decl_action(p, 'f', fld, s) or (None, None)
coccinelle.SN = cocci.make_ident(s)
coccinelle.DROP = cocci.make_ident(fld if act[0] == 'drop' else NO_NAME)
coccinelle.REPL = cocci.make_ident(fld if act[0] == 'replace' else NO_NAME)
coccinelle.AFTER = cocci.make_ident(fld if act[0] == 'after' else NO_NAME)
coccinelle.TASK = cocci.make_ident(act[1] or NO_NAME)

@decl_1 depends on patch@
identifier ok_global.DROP;
type T;
expression E;
@@

(
- T DROP;
|
- T DROP = E;
)

@decl_2 depends on patch@
identifier ok_global.REPL, ok_global.TASK;
type T;
expression E;
@@

(
- T REPL;
+ struct task_struct *TASK;
|
- T REPL = E;
+ struct task_struct *TASK;
)

@decl_3 depends on patch@
identifier ok_global.AFTER, ok_global.TASK;
type T;
expression E;
@@

(
  T AFTER;
+ static struct task_struct *TASK;
|
  T AFTER = E;
+ static struct task_struct *TASK;
)

@decl_4 depends on patch@
declarer name DECLARE_WAIT_QUEUE_HEAD;
identifier ok_wq.DROP;
@@

- DECLARE_WAIT_QUEUE_HEAD(DROP);

@decl_5 depends on patch@
identifier ok_field.SN, ok_field.DROP;
type T;
@@

struct SN {
  ...
- T DROP;
  ...
};

@decl_6 depends on patch@
identifier ok_field.SN, ok_field.REPL, ok_field.TASK;
type T;
@@

struct SN {
  ...
- T REPL;
+ struct task_struct *TASK;
  ...
};

@decl_7 depends on patch@
identifier ok_field.SN, ok_field.AFTER, ok_field.TASK;
type T;
@@

struct SN {
  ...
  T AFTER;
+ struct task_struct *TASK;
  ...
};

// ---------------------------------------------------------------------
// Findings.

@depends on context@
identifier ok_thread.FN;
expression E : script:python() { stop_cleared(E) or stop_raised(E) };
@@

FN(...) {
  <...
* E
  ...>
}

@depends on context@
identifier ok_barrier.ST;
statement S1 : script:python(ST) { raises_approved(S1, ST) };
@@

ST(...) {
  <...
* S1
  ...>
}

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

// Last: the next file, or group of files, starts with fresh facts.
@script:python depends on creation@
@@

close_unit()
