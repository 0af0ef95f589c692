/**
 * An Ansible stdout callback that prints one JSON object per line as things happen: plays, task
 * starts, each host's result, and the final stats (with `set_stats` data). Debian's ansible-core
 * ships no JSON stdout callback (`json` lives in the ansible.posix collection, a 259 MB package),
 * so the adapter ships this one and writes it next to each run. Results are trimmed to the fields
 * the adapter reads, so that module return values (which can hold anything) stay out.
 */
export const CALLBACK_NAME = 'mpli_jsonl';

export const CALLBACK_SOURCE = `# Written by @mpli/delivery-adapters: JSON lines for the ansible adapter.
from __future__ import annotations
import json
from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
    name: mpli_jsonl
    type: stdout
    short_description: one JSON object per line, as events happen
    description: [Prints plays, task starts, host results and the final stats as JSON lines.]
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'mpli_jsonl'

    def _emit(self, **event):
        self._display.display(json.dumps(event, default=str))

    def v2_playbook_on_play_start(self, play):
        self._emit(event='play', name=play.get_name())

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit(event='task', name=task.get_name(), action=task.action)

    def _result(self, status, result):
        r = result._result
        self._emit(event='result', status=status, host=result._host.get_name(), task=result._task.get_name(),
                   changed=bool(r.get('changed')), msg=str(r.get('msg', ''))[:2000], stderr=str(r.get('stderr', ''))[-2000:])

    def v2_runner_on_ok(self, result, **kwargs):
        self._result('ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False, **kwargs):
        self._result('ignored' if ignore_errors else 'failed', result)

    def v2_runner_on_skipped(self, result, **kwargs):
        self._result('skipped', result)

    def v2_runner_on_unreachable(self, result, **kwargs):
        self._result('unreachable', result)

    def v2_playbook_on_stats(self, stats):
        hosts = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
        self._emit(event='stats', hosts=hosts, custom=stats.custom)
`;
