"""Running one submission: its cells in a sandboxed kernel, its answers exported as data.

The grader drives the kernel from outside over the Jupyter protocol, cell by cell, so what it
reports about the run comes from its own observations: its clock (a cell over its time, the
student over theirs), the sandbox's process (the kernel died), the sandbox's cgroup (memory ran
out), its own count of the bytes the kernel sent (output past the limit is dropped while the
run goes on; far past it, the run stops) and of the files in the sandbox's in-memory folders
(each one kernel memory, which only a cgroup would cap). It numbers the cells it runs itself,
whatever the kernel's counter says. Before the first cell it has the kernel import the grader's
helper (:mod:`.answers`), so the helper keeps the builtins Python started with; after each code
cell it asks the helper to publish the answers the graded items name. The last answers received
count, so cells that ran before a crash keep their points.

Test cells are not run here at all: their verdicts are reached outside (see :mod:`.verdicts`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import secrets
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import zmq
import zmq.asyncio
from zmq.utils.monitor import recv_monitor_message

from . import answers as answer_data
from .findings import Finding, Kind
from .sandbox import (
    KERNEL_DIR,
    WRITABLE_DIRS,
    Binding,
    Limits,
    Sandbox,
    hide_options,
    kernel_command,
    pipe_holding,
    unisolated_command,
)

#: How often the grader counts the files in a sandbox's in-memory folders while a cell runs
#: (so also the longest it waits for the kernel's next message before looking again).
FILES_CHECK_SECONDS = 0.1
PORTS = {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}
OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")
# Rich outputs a person reads in the graded notebook; widget and chart state is left out.
KEPT_MIME_TYPES = ("text/plain", "text/html", "text/markdown", "image/png", "image/svg+xml")


@dataclass
class CellToRun:
    index: int  # position in the notebook written for the student
    source: str
    label: str  # the cell's grade id, or its position, for the report


@dataclass
class ExecutedCell:
    outputs: list[dict] = field(default_factory=list)
    execution_count: int | None = None  # the grader's own count of the cells it ran
    kernel_count: object = None  # what the kernel said it was (untrusted, compared only)
    kept_bytes: int = 0
    cut: bool = False  # output over the cell's share of the graded notebook
    truncated: bool = False  # output past the run's limit: dropped, not kept


@dataclass
class RunResult:
    cells: dict[int, ExecutedCell] = field(default_factory=dict)
    answers: dict = field(default_factory=dict)  # name -> encoded value (untrusted data)
    functions: dict = field(default_factory=dict)  # name -> {call key: encoded result}
    replaced: set[str] = field(default_factory=set)  # builtins the helper saw replaced
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    startup_seconds: float = 0.0


@dataclass
class RunPlan:
    """What the grader needs from every submission of one assignment."""

    answer_names: list[str]
    calls_file: Path | None  # encoded inputs for function answers, shown read-only
    bindings: list[Binding]  # the trusted course, shown read-only
    etc_dir: Path
    environment: dict[str, str]
    kernels_dir: Path  # in the run's private workspace: where a kernel without sandbox lives
    calls_target: str = "/course/calls.json"


class KernelStopped(Exception):
    """The kernel is gone (it died, or the grader stopped it); no further cell can run."""


class Kernel:
    """One sandboxed kernel and the grader's client connected to it."""

    def __init__(self, sandbox: Sandbox, limits: Limits, slot: int, plan: RunPlan, cage):
        self.sandbox, self.limits, self.slot, self.plan, self.cage = (
            sandbox,
            limits,
            slot,
            plan,
            cage,
        )
        self.process: asyncio.subprocess.Process | None = None
        self.client = None
        self.context: zmq.asyncio.Context | None = None
        self.unisolated_home: Path | None = None
        self.bytes_received = 0  # everything, answers included
        self.output_received = 0  # the student cells' own messages
        self.sandbox_root: str | None = None  # the sandbox's "/" as the grader reaches it
        self.files_checked = 0.0

    def _connection(self, ip: str, key: str) -> dict:
        return {
            **PORTS,
            "ip": ip,
            "transport": "ipc",
            "key": key,
            "signature_scheme": "hmac-sha256",
        }

    async def start(self) -> None:
        key = secrets.token_hex(32)
        joins = self.cage.join_paths if self.cage else []
        if self.sandbox.isolated:
            inside = self._connection(f"{KERNEL_DIR}/k", key)
            read_conn = pipe_holding(json.dumps(inside).encode())
            read_filter = pipe_holding(self.sandbox.seccomp_filter)
            read_info, write_info = os.pipe()
            bindings = list(self.plan.bindings)
            if self.plan.calls_file is not None:
                bindings.append(Binding(self.plan.calls_file, self.plan.calls_target))
            command = kernel_command(
                self.sandbox,
                self.limits,
                self.slot,
                bindings=bindings,
                etc_dir=self.plan.etc_dir,
                environment=self.plan.environment,
                connection_fd=read_conn,
                info_fd=write_info,
                cage_procs=joins,
                seccomp_fd=read_filter,
            )
            command, read_options = hide_options(command, self.sandbox.bwrap)
            passed = (read_conn, read_filter, read_options, write_info)
            self.process = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
                pass_fds=passed,
                start_new_session=True,
            )
            for fd in passed:
                os.close(fd)
            info = await asyncio.get_running_loop().run_in_executor(None, _read_info, read_info)
            try:
                child = json.loads(info)["child-pid"]
            except (ValueError, KeyError, TypeError):
                raise KernelStopped("bubblewrap did not start the sandbox") from None
            self.sandbox_root = f"/proc/{child}/root"
            client_ip = f"{self.sandbox_root}{KERNEL_DIR}/k"
        else:
            # The kernel's home holds its connection file, named relative to it: the kernel's
            # command line then shows no folder of the grader's.
            folder = Path(tempfile.mkdtemp(prefix="k", dir=self.plan.kernels_dir))
            connection = json.dumps(self._connection(str(folder / "k"), key))
            (folder / "connection.json").write_text(connection)
            command = unisolated_command(self.sandbox, self.limits, Path("connection.json"), joins)
            environment = {**self.plan.environment, "HOME": str(folder), "TMPDIR": str(folder)}
            self.process = await asyncio.create_subprocess_exec(
                *command,
                cwd=folder,
                env=environment,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
                start_new_session=True,
            )
            self.unisolated_home = folder
            client_ip = str(folder / "k")
        from jupyter_client.asynchronous import AsyncKernelClient

        self.context = zmq.asyncio.Context()
        # A single message larger than this is dropped by ZeroMQ, never held in our memory.
        self.context.setsockopt(zmq.MAXMSGSIZE, self.limits.message_bytes)
        self.client = AsyncKernelClient(context=self.context)
        self.client.load_connection_info(self._connection(client_ip, key))
        self.client.start_channels(hb=False)
        # ZeroMQ drops a message over the size limit by closing the connection: watching for
        # that is how the grader knows the kernel sent more than it would take.
        monitor = self.client.iopub_channel.socket.get_monitor_socket(zmq.EVENT_DISCONNECTED)
        self.monitor = zmq.Socket.shadow(monitor.underlying)
        self._monitor_handle = monitor
        await self._wait_until_ready(timeout=120)

    async def _wait_until_ready(self, timeout: float) -> None:
        """Until the kernel answers on its shell and its output channel is connected.

        jupyter_client's own wait judges a client without a manager by its heartbeat, which a
        busy machine can delay past its check; the sandbox's process is the grader's judge.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise KernelStopped("the kernel stopped while starting")
            self.client.kernel_info()
            try:
                reply = await self._receive(self.client.get_shell_msg, 1)
            except queue.Empty:
                continue
            if reply.get("msg_type") != "kernel_info_reply":
                continue
            try:  # output arrives only once the subscription is up: see one message first
                await self._receive(self.client.get_iopub_msg, 0.5)
                return
            except queue.Empty:
                continue
        raise KernelStopped(f"the kernel did not answer within {timeout:.0f} s")

    def dropped(self) -> bool:
        """True if ZeroMQ cut the kernel off for sending a message over the limit."""
        try:
            while True:
                event = recv_monitor_message(self.monitor, flags=zmq.NOBLOCK)
                if event["event"] == zmq.EVENT_DISCONNECTED:
                    return True
        except zmq.Again:
            return False

    async def _dropped_or_dead(self) -> None:
        """The connection closed: a kernel that exited closes it too, so tell the two apart."""
        for _ in range(20):
            if not self.alive:
                raise KernelStopped("the kernel stopped")
            await asyncio.sleep(0.05)
        raise OutputLimit()

    @staticmethod
    async def _receive(get, timeout: float) -> dict:
        """The next message from ``get``. One not signed with the kernel's key (forged, or
        garbled by student code such as forked copies of the kernel) is dropped, as if none
        had come: it is not the kernel's word, and the student's run goes on."""
        try:
            return await get(timeout=timeout)
        except ValueError:
            raise queue.Empty from None

    def files_in_memory(self) -> int:
        """Files and folders in the sandbox's in-memory folders, from each file system's own
        count of its inodes (student code cannot forge it)."""
        used = 0
        for folder in WRITABLE_DIRS:
            try:
                counts = os.statvfs(f"{self.sandbox_root}{folder}")
            except OSError:  # the sandbox is gone
                continue
            used += counts.f_files - counts.f_ffree
        return used

    def check_files(self) -> None:
        """Stop the run if its in-memory folders hold more files than allowed (checked every
        FILES_CHECK_SECONDS: without a cgroup nothing in the kernel would stop it)."""
        if self.sandbox_root is None or time.monotonic() - self.files_checked < FILES_CHECK_SECONDS:
            return
        self.files_checked = time.monotonic()
        files = self.files_in_memory()
        if files > self.limits.files:
            raise FileLimit(files)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def execute(
        self, code: str, cell: ExecutedCell | None, deadline: float, *, store_history: bool = True
    ) -> tuple[str, list[str]]:
        """Run ``code``; keep its outputs in ``cell``. Returns ("ok" | "error" | "timeout",
        payloads of answer messages)."""
        msg_id = self.client.execute(
            code, silent=False, store_history=store_history, allow_stdin=False, stop_on_error=False
        )
        payloads, status = [], "ok"
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout", payloads
            if not self.alive:
                raise KernelStopped("the kernel stopped")
            self.check_files()
            try:
                message = await self._receive(
                    self.client.get_iopub_msg, min(remaining, FILES_CHECK_SECONDS)
                )
            except queue.Empty:
                if self.dropped():
                    await self._dropped_or_dead()
                continue
            size = _size(message)
            self.bytes_received += size
            if self.bytes_received > self.limits.total_bytes:
                raise OutputLimit()
            if self.dropped():
                await self._dropped_or_dead()
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "status" and content.get("execution_state") == "idle":
                return status, payloads
            if kind == "execute_input" and cell is not None:
                cell.kernel_count = content.get("execution_count")
            if kind == "error":
                status = "error"
            if kind == "display_data" and answer_data.MIME_TYPE in content.get("data", {}):
                payloads.append(content["data"][answer_data.MIME_TYPE])
                continue
            if cell is not None:
                self.output_received += size
                if self.output_received > self.limits.output_bytes:
                    cell.truncated = True
                    continue
                _keep_output(cell, kind, content, self.limits.kept_output_bytes)

    async def interrupt(self, grace: float) -> bool:
        """Ask the kernel to stop the running cell; True if it is idle again within ``grace``."""
        request = self.client.session.msg("interrupt_request", {})
        self.client.control_channel.send(request)
        probe = self.client.execute("", silent=True, store_history=False)
        end = time.monotonic() + grace
        while time.monotonic() < end and self.alive:
            self.check_files()
            try:
                message = await self._receive(self.client.get_iopub_msg, 0.25)
            except queue.Empty:
                continue
            self.bytes_received += _size(message)
            if (
                message.get("parent_header", {}).get("msg_id") == probe
                and message["msg_type"] == "status"
                and message["content"].get("execution_state") == "idle"
            ):
                return True
        return False

    async def stop(self) -> None:
        """Kill the sandbox and everything in it, and wait until it is gone."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.iopub_channel.socket.disable_monitor()
                self._monitor_handle.close(linger=0)
            with contextlib.suppress(Exception):
                self.client.stop_channels()
        if self.process is not None:
            if self.process.returncode is None:
                # The whole process group. (Not Process.kill(): its poll() would reap the child
                # under asyncio's own watcher.)
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            await self.process.wait()
            if not self.sandbox.isolated:
                # Without a sandbox, anything the kernel started in its session is killed too.
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.process.pid, signal.SIGKILL)
        if self.context is not None:
            self.context.destroy(linger=0)
        if self.unisolated_home is not None:
            import shutil

            shutil.rmtree(self.unisolated_home, ignore_errors=True)


class OutputLimit(Exception):
    """The kernel sent more than the limit allows."""


class FileLimit(Exception):
    """The sandbox's in-memory folders hold more files than the limit allows."""


def _read_info(fd: int) -> bytes:
    """bubblewrap's one JSON object on ``fd`` (it may keep the descriptor open after it)."""
    data = b""
    try:
        while len(data) < 65536:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
            try:
                json.loads(data)
                break
            except ValueError:
                continue
    finally:
        os.close(fd)
    return data


def _size(message: dict) -> int:
    try:
        return len(json.dumps(message.get("content", {}), default=str))
    except (TypeError, ValueError):
        return 0


def _keep_output(cell: ExecutedCell, kind: str, content: dict, budget: int) -> None:
    if kind == "clear_output":
        cell.outputs.clear()
        return
    if kind not in OUTPUT_TYPES:
        return
    if kind == "stream":
        output = {
            "output_type": "stream",
            "name": "stderr" if content.get("name") == "stderr" else "stdout",
            "text": str(content.get("text", "")),
        }
    elif kind == "error":
        output = {
            "output_type": "error",
            "ename": str(content.get("ename", "Error"))[:200],
            "evalue": str(content.get("evalue", ""))[:5000],
            "traceback": [str(line)[:5000] for line in content.get("traceback", [])[:100]],
        }
    else:
        data = content.get("data", {})
        data = {k: v for k, v in data.items() if k in KEPT_MIME_TYPES and isinstance(v, str)}
        if not data:
            return
        output = {"output_type": kind, "data": data, "metadata": {}}
        if kind == "execute_result":
            output["execution_count"] = cell.execution_count
    size = len(json.dumps(output))
    if cell.kept_bytes + size > budget:
        cell.cut = True
        return
    cell.kept_bytes += size
    if kind == "stream" and cell.outputs and cell.outputs[-1].get("name") == output["name"]:
        if cell.outputs[-1]["output_type"] == "stream":
            cell.outputs[-1]["text"] += output["text"]
            return
    cell.outputs.append(output)


# Run before any student code: the helper is imported while the builtins are Python's own.
BIND_CODE = "__import__('balancing_act.grading.answers', fromlist=['bind_kernel']).bind_kernel()"


def _export_code(names: list[str], calls_path: str | None, fresh: bool = False) -> str:
    """The call to the helper that :data:`BIND_CODE` left in the kernel (no import on the way)."""
    return f"{answer_data.KERNEL_NAME}(globals(), {names!r}, {calls_path!r}, fresh={fresh!r})"


def _merge(result: RunResult, payloads: list[str]) -> bool:
    """Keep the latest answers the kernel published; True if there were any. The text is the
    student's: parse it as data."""
    taken = False
    for payload in payloads:
        if not isinstance(payload, str):
            continue
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):
            continue
        if not isinstance(data, dict):
            continue
        if isinstance(data.get("answers"), dict):
            result.answers.update(data["answers"])
            taken = True
        if isinstance(data.get("functions"), dict):
            result.functions.update(data["functions"])
            taken = True
        if isinstance(data.get("replaced"), list):
            result.replaced.update(
                name
                for name in data["replaced"][:20]
                if isinstance(name, str) and name.isidentifier() and len(name) < 40
            )
    return taken


async def run_submission(
    student: str,
    notebook: str,
    cells: list[CellToRun],
    sandbox: Sandbox,
    limits: Limits,
    slot: int,
    plan: RunPlan,
    cage_factory=None,
) -> RunResult:
    """Run ``cells`` in a fresh sandboxed kernel, exporting the answers after each one."""
    result = RunResult()
    started = time.monotonic()
    student_deadline = started + limits.student_seconds
    cage = cage_factory.make(limits.memory_bytes, limits.processes) if cage_factory else None
    kernel = Kernel(sandbox, limits, slot, plan, cage)
    calls_path = (
        (plan.calls_target if sandbox.isolated else str(plan.calls_file))
        if plan.calls_file
        else None
    )
    export = _export_code(plan.answer_names, calls_path)
    functions_stuck = False
    not_taken: list[str] = []  # cells after which no answers came out
    reported: set[Kind] = set()

    def finding(kind: Kind, detail: str = "") -> None:
        result.findings.append(Finding(student, notebook, kind, detail))

    def once(kind: Kind, detail: str) -> None:
        if kind not in reported:
            reported.add(kind)
            finding(kind, detail)

    async def take_answers(code: str, after: str) -> str:
        deadline = min(time.monotonic() + limits.cell_seconds, student_deadline)
        status, payloads = await kernel.execute(code, None, deadline, store_history=False)
        if not _merge(result, payloads) and status != "timeout":
            not_taken.append(after)
        return status

    try:
        try:
            await kernel.start()
            result.startup_seconds = time.monotonic() - started
            deadline = time.monotonic() + limits.cell_seconds
            status, _ = await kernel.execute(BIND_CODE, None, deadline, store_history=False)
            if status != "ok":
                raise KernelStopped(f"the grader's helper did not load ({status})")
        except (KernelStopped, RuntimeError, TimeoutError) as error:
            finding(Kind.KERNEL_DID_NOT_START, str(error)[:200])
            return result
        for number, cell in enumerate(cells, start=1):
            executed = result.cells.setdefault(cell.index, ExecutedCell(execution_count=number))
            deadline = min(time.monotonic() + limits.cell_seconds, student_deadline)
            status, _ = await kernel.execute(cell.source, executed, deadline)
            if executed.truncated:
                once(
                    Kind.OUTPUT_TRUNCATED,
                    f"from cell {cell.label} on, past {limits.output_bytes // 2**20} MiB",
                )
            elif executed.cut:
                finding(Kind.OUTPUT_CUT, f"cell {cell.label}")
            if executed.kernel_count not in (None, number):
                once(
                    Kind.EXECUTION_COUNT_IGNORED,
                    f"cell {cell.label}: the kernel numbered it {str(executed.kernel_count)[:20]}",
                )
            if status == "timeout":
                if time.monotonic() >= student_deadline:
                    finding(
                        Kind.TIME_LIMIT, f"over {limits.student_seconds} s, in cell {cell.label}"
                    )
                    break
                finding(Kind.CELL_TIMEOUT, f"cell {cell.label} ran over {limits.cell_seconds} s")
                executed.outputs.append(_timeout_output(limits.cell_seconds))
                if not await kernel.interrupt(grace=10):
                    finding(Kind.KERNEL_STOPPED, f"cell {cell.label}")
                    break
            status = await take_answers(export, f"cell {cell.label}")
            if status == "timeout":
                functions_stuck = True
                finding(
                    Kind.CELL_TIMEOUT,
                    f"exporting the answers after cell {cell.label} (a function answer, called "
                    f"on the grader's inputs, ran over {limits.cell_seconds} s)",
                )
                if not await kernel.interrupt(grace=10):
                    finding(Kind.KERNEL_STOPPED, f"exporting the answers after cell {cell.label}")
                    break
        else:
            if cells and plan.calls_file is not None and not functions_stuck:
                # Functions once more, now that every cell has run (they may read globals).
                final = _export_code(plan.answer_names, calls_path, fresh=True)
                await take_answers(final, "the last cell")
    except KernelStopped:
        if cage is not None and cage.out_of_memory():
            finding(Kind.MEMORY_LIMIT, f"over {limits.memory_bytes // 2**20} MiB")
        else:
            finding(Kind.KERNEL_DIED, f"in cell {_current(result, cells)}")
    except FileLimit as error:
        finding(
            Kind.FILE_LIMIT,
            f"cell {_current(result, cells)} made {error.args[0]:,} files and folders in the "
            f"sandbox's in-memory folders (the limit is {limits.files:,})",
        )
    except OutputLimit:
        finding(
            Kind.OUTPUT_LIMIT,
            f"cell {_current(result, cells)} sent over {limits.total_bytes // 2**20} MiB in all "
            f"(or one message over {limits.message_bytes // 2**20} MiB)",
        )
    finally:
        await kernel.stop()
        if cage is not None:
            if cage.out_of_memory() and not any(
                f.kind is Kind.MEMORY_LIMIT for f in result.findings
            ):
                finding(Kind.MEMORY_LIMIT, f"over {limits.memory_bytes // 2**20} MiB")
            cage.remove()
        result.seconds = time.monotonic() - started
    if not_taken:
        more = f" (and {len(not_taken) - 1} more)" if len(not_taken) > 1 else ""
        finding(Kind.ANSWERS_NOT_TAKEN, f"after {not_taken[0]}{more}")
    if result.replaced:
        finding(Kind.BUILTINS_REPLACED, ", ".join(f"`{name}`" for name in sorted(result.replaced)))
    return result


def _current(result: RunResult, cells: list[CellToRun]) -> str:
    done = [c for c in cells if c.index in result.cells]
    return done[-1].label if done else "?"


def _timeout_output(seconds: int) -> dict:
    return {
        "output_type": "error",
        "ename": "CellTimeoutError",
        "evalue": f"the grader stopped this cell after {seconds} s",
        "traceback": [f"CellTimeoutError: the grader stopped this cell after {seconds} s"],
    }
