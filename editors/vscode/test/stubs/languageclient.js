// A stub of vscode-languageclient/node: records how the extension builds its client.

'use strict';

const State = { Stopped: 1, Running: 2, Starting: 3 };
const created = [];

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    this.id = id;
    this.name = name;
    this.serverOptions = serverOptions;
    this.clientOptions = clientOptions;
    this.state = State.Stopped;
    this.listeners = [];
    this.notifications = [];
    created.push(this);
  }
  onDidChangeState(l) {
    this.listeners.push(l);
    return { dispose() {} };
  }
  setState(s) {
    const old = this.state;
    this.state = s;
    for (const l of this.listeners) l({ oldState: old, newState: s });
  }
  async start() {
    this.setState(State.Starting);
    this.setState(State.Running);
  }
  async dispose() {
    this.setState(State.Stopped);
  }
  async sendNotification(method, params) {
    this.notifications.push({ method, params });
  }
}

module.exports = { LanguageClient, State, _created: created };
