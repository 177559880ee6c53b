"""`copydesk lsp` driven by pytest-lsp with the capability profiles of real editors
(Neovim, VS Code, Emacs): the seed's findings, a quick fix that clears its finding, the
dictionary command persisted in copydesk.toml, and garbage on the wire. The server must
stay within what each client says it supports.
"""

from __future__ import annotations

import asyncio
import re
from typing import Union

import pytest
import pytest_lsp
from lsprotocol import types as t
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import copydesk_bin

# "pull_with_refresh": Neovim 0.11's capabilities plus `workspace/diagnostic/refresh` support
# (as VS Code's current client has it): the one profile served pulls.
CLIENTS = ["neovim", "visual_studio_code", "emacs", "pull_with_refresh"]


def capabilities(profile: str) -> t.ClientCapabilities:
    if profile != "pull_with_refresh":
        return client_capabilities(profile)
    caps = client_capabilities("neovim")
    caps.workspace.diagnostics = t.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps
TIMEOUT = 30


def converter():
    """pygls' converter, except that a code action is a `Command` only when its `command`
    is a string. (lsprotocol 2025.0.0 takes any object with a `command` key for a Command;
    VS Code's client, Neovim and eglot all look at the type of `command`, as the spec's
    `Command | CodeAction` union requires.)"""
    conv = default_converter()

    def code_action(obj, _):
        if isinstance(obj.get("command"), str):
            return conv.structure(obj, t.Command)
        return conv.structure(obj, t.CodeAction)

    conv.register_structure_hook(Union[t.Command, t.CodeAction], code_action)
    return conv


def make_client() -> LanguageClient:
    """pytest-lsp's client, which also accepts dynamic registrations (as these editors do)
    and remembers the document version of pushed diagnostics."""
    c = LanguageClient(converter_factory=converter)
    c.copydesk_registrations = []
    c.copydesk_versions = {}
    c.copydesk_refreshes = 0

    def register(client: LanguageClient, params: t.RegistrationParams):
        assert client.capabilities.workspace.did_change_watched_files.dynamic_registration
        client.copydesk_registrations.extend(params.registrations)

    def publish(client: LanguageClient, params: t.PublishDiagnosticsParams):
        assert not pulls(client), "diagnostics pushed to a client that pulls them"
        client.diagnostics[params.uri] = params.diagnostics
        client.copydesk_versions[params.uri] = params.version

    def refresh(client: LanguageClient, params):
        assert pulls(client), "a refresh asked of a client that is not served pulls"
        client.copydesk_refreshes += 1
        return None

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[t.WORKSPACE_DIAGNOSTIC_REFRESH] = refresh
    features[t.CLIENT_REGISTER_CAPABILITY] = register
    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(c, features)
    return c


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[copydesk_bin(), "lsp"], client_factory=make_client),
    params=CLIENTS,
)
async def client(lsp_client: LanguageClient, request, tmp_path):
    caps = capabilities(request.param)
    result = await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=caps,
            root_uri=tmp_path.as_uri(),
            workspace_folders=[t.WorkspaceFolder(uri=tmp_path.as_uri(), name="desk")],
        )
    )
    lsp_client.copydesk_init = result
    lsp_client.copydesk_root = tmp_path
    lsp_client.copydesk_profile = request.param
    yield
    await lsp_client.shutdown_session()
    assert lsp_client.error is None


def encoding(client: LanguageClient) -> str:
    return client.copydesk_init.capabilities.position_encoding or "utf-16"


def can_pull(client: LanguageClient) -> bool:
    td = client.capabilities.text_document
    return td is not None and td.diagnostic is not None


def pulls(client: LanguageClient) -> bool:
    """Whether the server should serve this client pulls: it can pull, and can be told to
    pull again (a client that cannot, such as Neovim 0.11, would keep stale findings after
    a command that changes the settings; it gets pushes)."""
    ws = client.capabilities.workspace
    refresh = ws is not None and ws.diagnostics is not None and bool(ws.diagnostics.refresh_support)
    return can_pull(client) and refresh


def units(s: str, enc: str) -> int:
    return len(s.encode("utf-8")) if enc == "utf-8" else len(s.encode("utf-16-le")) // 2


def position(text: str, index: int, enc: str) -> t.Position:
    """The LSP position of a str index (reference conversion, written for the test)."""
    before = text[:index]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    start = breaks[-1].end() if breaks else 0
    return t.Position(line=len(breaks), character=units(before[start:], enc))


def index(text: str, pos: t.Position, enc: str) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    i = starts[pos.line]
    n = 0
    while n < pos.character:
        n += units(text[i], enc)
        i += 1
    return i


def flagged(text: str, diags, enc: str, rule: str) -> list[str]:
    return [text[index(text, d.range.start, enc) : index(text, d.range.end, enc)] for d in diags if d.code == rule]


async def diagnostics(client: LanguageClient, uri: str, version: int = 1, settle=None):
    """The document's diagnostics: pulled from pulling clients; from the others, awaited
    until they are for `version` and `settle(diags)` (when given) holds."""
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=uri))
        )
        return report.items

    def ready():
        if client.copydesk_versions.get(uri) != version:
            return False
        return settle is None or settle(client.diagnostics[uri])

    async def wait():
        while not ready():
            await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), TIMEOUT)


def open_seed(client: LanguageClient, text: str) -> str:
    path = client.copydesk_root / "story.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text))
    )
    return uri


def edits_of(action: t.CodeAction, uri: str) -> list[t.TextEdit]:
    edit = action.edit
    if edit.changes:
        return list(edit.changes[uri])
    return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]


def apply(text: str, edits: list[t.TextEdit], enc: str) -> str:
    spans = sorted((index(text, e.range.start, enc), index(text, e.range.end, enc), e.new_text) for e in edits)
    out, pos = [], 0
    for a, b, new in spans:
        assert a >= pos, "overlapping edits"
        out += [text[pos:a], new]
        pos = b
    return "".join(out) + text[pos:]


@pytest.mark.asyncio
async def test_initialize_stays_within_client_capabilities(client: LanguageClient):
    caps = client.copydesk_init.capabilities
    offered = (client.capabilities.general and client.capabilities.general.position_encodings) or []
    expected = "utf-8" if "utf-8" in offered else "utf-16"
    assert caps.position_encoding == expected
    assert (caps.diagnostic_provider is not None) == pulls(client)
    assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
    assert "copydesk.addToDictionary" in caps.execute_command_provider.commands


@pytest.mark.asyncio
async def test_seed_findings_quick_fix_and_clear(client: LanguageClient, seed_text: str):
    enc = encoding(client)
    uri = open_seed(client, seed_text)
    diags = await diagnostics(client, uri)
    assert flagged(seed_text, diags, enc, "misspelling") == ["سلسة", "للإدراة"]
    assert {d.code for d in diags} >= {"misspelling", "boilerplate", "duplicate-paragraph"}
    assert all(d.source == "copydesk" for d in diags)
    publish = client.capabilities.text_document.publish_diagnostics
    links = can_pull(client) or bool(publish and publish.code_description_support)
    assert all((d.code_description is not None) == links for d in diags)

    target = next(d for d in diags if flagged(seed_text, [d], enc, "misspelling") == ["للإدراة"])
    actions = await actions_for(client, uri, target)
    fix = next(a for a in actions if isinstance(a, t.CodeAction) and a.is_preferred)
    assert fix.kind == t.CodeActionKind.QuickFix
    fixed = apply(seed_text, edits_of(fix, uri), enc)
    assert "للإدارة" in fixed and "للإدراة" not in fixed

    changes = [t.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in reversed(edits_of(fix, uri))]
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=2), content_changes=changes)
    )
    diags = await diagnostics(client, uri, version=2)
    assert flagged(fixed, diags, enc, "misspelling") == ["سلسة"]


@pytest.mark.asyncio
async def test_add_word_is_persisted_in_copydesk_toml(client: LanguageClient, seed_text: str):
    enc = encoding(client)
    uri = open_seed(client, seed_text)
    diags = await diagnostics(client, uri)
    target = next(d for d in diags if flagged(seed_text, [d], enc, "misspelling") == ["سلسة"])
    actions = await actions_for(client, uri, target)
    add = next(a for a in actions if a.title == "Add «سلسة» to the desk dictionary")
    refreshes = client.copydesk_refreshes
    await run_command(client, add)
    toml = (client.copydesk_root / "copydesk.toml").read_text(encoding="utf-8")
    assert "سلسة" in toml and "[dictionary]" in toml
    diags = await told_again(client, uri, refreshes, lambda ds: "سلسة" not in flagged(seed_text, ds, enc, "misspelling"))
    assert flagged(seed_text, diags, enc, "misspelling") == ["للإدراة"]


async def actions_for(client: LanguageClient, uri: str, target: t.Diagnostic):
    """The code actions the server offers for one of its diagnostics, asked at its range."""
    return await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=t.CodeActionContext(diagnostics=[target]),
        )
    )


async def run_command(client: LanguageClient, action: t.CodeAction):
    """Execute the command an action carries (the add-to-dictionary and ignore actions)."""
    await client.workspace_execute_command_async(
        t.ExecuteCommandParams(command=action.command.command, arguments=action.command.arguments)
    )


async def told_again(client: LanguageClient, uri: str, refreshes: int, settle):
    """After a command, the fresh diagnostics as the client learns of them without editing:
    pushed, or pulled once the server asks for a refresh (a client that only pulls after its
    own edits would otherwise keep the stale ones)."""
    if not pulls(client):
        return await diagnostics(client, uri, settle=settle)

    async def refreshed():
        while client.copydesk_refreshes == refreshes:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(refreshed(), TIMEOUT)
    diags = await diagnostics(client, uri)
    assert settle(diags), "the pull after the refresh still has the old findings"
    return diags


@pytest.mark.asyncio
async def test_ignore_takes_effect_without_an_edit(client: LanguageClient, seed_text: str):
    enc = encoding(client)
    uri = open_seed(client, seed_text)
    diags = await diagnostics(client, uri)
    target = next(d for d in diags if flagged(seed_text, [d], enc, "misspelling") == ["للإدراة"])
    actions = await actions_for(client, uri, target)
    ignore = next(a for a in actions if a.title == "Ignore this finding here («للإدراة», misspelling)")
    refreshes = client.copydesk_refreshes
    await run_command(client, ignore)
    gone = lambda ds: "للإدراة" not in flagged(seed_text, ds, enc, "misspelling")
    diags = await told_again(client, uri, refreshes, gone)
    assert flagged(seed_text, diags, enc, "misspelling") == ["سلسة"]
    assert "للإدراة" in (client.copydesk_root / "copydesk.toml").read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_garbage_on_the_wire_does_not_stop_the_server(client: LanguageClient, seed_text: str):
    enc = encoding(client)
    stdin = client._server.stdin
    for junk in [b"Content-Length: 9\r\n\r\n{not json", b"hello there\r\n\r\n", b'Content-Length: 2\r\n\r\n[]']:
        stdin.write(junk)
    await stdin.drain()
    uri = open_seed(client, seed_text)
    diags = await diagnostics(client, uri)
    assert flagged(seed_text, diags, enc, "misspelling") == ["سلسة", "للإدراة"]
    assert client._server.returncode is None


@pytest.mark.asyncio
async def test_edited_and_broken_copydesk_toml(client: LanguageClient, seed_text: str):
    enc = encoding(client)
    uri = open_seed(client, seed_text)
    await diagnostics(client, uri)
    if client.capabilities.workspace.did_change_watched_files.dynamic_registration:
        assert any(r.method == t.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.copydesk_registrations)
    toml = client.copydesk_root / "copydesk.toml"
    changed = t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=toml.as_uri(), type=t.FileChangeType.Created)])

    toml.write_text('[rules]\nmisspelling = "off"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(changed)
    no_misspellings = lambda ds: not flagged(seed_text, ds, enc, "misspelling")
    diags = await diagnostics(client, uri, settle=no_misspellings)
    assert no_misspellings(diags) and diags

    toml.write_text("[rules\n", encoding="utf-8")
    client.workspace_did_change_watched_files(changed)
    await asyncio.wait_for(client.wait_for_notification(t.WINDOW_SHOW_MESSAGE), TIMEOUT)
    assert client.messages[-1].type == t.MessageType.Error
    assert "copydesk.toml:1:" in client.messages[-1].message
    diags = await diagnostics(client, uri)
    assert no_misspellings(diags), "the last good settings stay in force"
