// Make require('vscode') and require('vscode-languageclient/node') load the stubs.
// Each test file that needs them requires this file first.

'use strict';

const Module = require('module');
const path = require('path');

const stubs = {
  vscode: path.join(__dirname, 'vscode.js'),
  'vscode-languageclient/node': path.join(__dirname, 'languageclient.js'),
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (Object.prototype.hasOwnProperty.call(stubs, request)) {
    return stubs[request];
  }
  return resolve.call(this, request, ...rest);
};

module.exports = { vscode: require('vscode'), languageclient: require('vscode-languageclient/node') };
