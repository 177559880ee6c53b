;;; eglot-test.el --- copydesk through Emacs eglot, in batch  -*- lexical-binding: t -*-
;;
;; Tries the README's eglot setup for real: open the seed story, wait for the misspelling
;; on «للإدراة» (eglot gets pushed diagnostics only), apply its quick fix, see it go.
;;   COPYDESK_BIN=/path/to/copydesk emacs --batch -q -l editors/emacs/eglot-test.el
;; Exits 0 on success, 1 on failure.

(package-initialize)
(require 'eglot)
(require 'flymake)

(defvar copydesk-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(defvar copydesk-test-bin (or (getenv "COPYDESK_BIN") "copydesk"))

(defun copydesk-test-fail (fmt &rest args)
  (princ (concat "FAIL " (apply #'format fmt args) "\nemacs-eglot: 0 passed, 1 failed\n"))
  (kill-emacs 1))

(defun copydesk-test-wait (what seconds pred)
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (or result (copydesk-test-fail "timed out after %ss waiting for %s" seconds what))))

;; The README's setup, with the binary from COPYDESK_BIN.
(add-to-list 'eglot-server-programs `((text-mode markdown-mode) . (,copydesk-test-bin "lsp")))
(add-hook 'text-mode-hook #'eglot-ensure)

(defun copydesk-test-run ()
  (let* ((dir (make-temp-file "copydesk-eglot" t))
         (story (expand-file-name "story.txt" dir)))
    (copy-file (expand-file-name "../../examples/stories/seed-article.txt" copydesk-test-dir) story)
    (set-file-modes story #o644)
    (let ((coding-system-for-read 'utf-8))
      (find-file story))
    ;; eglot-ensure connects after the next command; batch Emacs runs no commands.
    (run-hooks 'post-command-hook)
    (copydesk-test-wait "eglot to connect" 15 (lambda () (eglot-current-server)))
    (princ "ok   eglot connected\n")
    ;; The diagnostic's range, converted by eglot from the negotiated LSP encoding into
    ;; buffer positions, must cover exactly the flagged word: a range in the wrong units
    ;; (UTF-8 bytes read as UTF-16 units) covers other text and fails here.
    (let* ((misspelling-p (lambda (d)
                            (equal "misspelling"
                                   (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))) :code))))
           (covered (lambda (d) (buffer-substring-no-properties
                                 (flymake-diagnostic-beg d) (flymake-diagnostic-end d))))
           (idara (lambda ()
                    (seq-find (lambda (d) (and (funcall misspelling-p d) (equal (funcall covered d) "للإدراة")))
                              (flymake-diagnostics))))
           (diag (copydesk-test-wait
                  "a misspelling diagnostic covering exactly «للإدراة»" 30
                  (lambda ()
                    (or (funcall idara)
                        ;; Report what the misspellings do cover, once they are there.
                        (let ((ms (seq-filter misspelling-p (flymake-diagnostics))))
                          (when (and ms (seq-find (lambda (d) (string-match-p "إدراة" (flymake-diagnostic-text d))) ms))
                            (copydesk-test-fail "misspelling ranges cover %S, not exactly «للإدراة»"
                                                (mapcar covered ms))))))))
           (beg (flymake-diagnostic-beg diag)))
      (princ (format "ok   diagnostic on exactly «%s»: %s\n" (funcall covered diag) (flymake-diagnostic-text diag)))
      (goto-char beg)
      ;; The quick fixes eglot gets for the word, as `M-x eglot-code-actions' would; apply
      ;; the one whose title names the correction.
      (let* ((server (eglot-current-server))
             (actions (eglot-code-actions beg (flymake-diagnostic-end diag) "quickfix"))
             (fix (seq-find (lambda (a) (string-match-p "إدارة" (plist-get a :title))) actions)))
        (unless fix
          (copydesk-test-fail "no quick fix among: %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
        (if (fboundp 'eglot-execute)
            (eglot-execute server fix)   ; eglot 1.10+: edit, command, resolve
          ;; eglot 1.9 (Debian's, for Emacs 28): what its code action menu does.
          (when (plist-get fix :edit)
            (eglot--apply-workspace-edit (plist-get fix :edit)))
          (when (plist-get fix :command)
            (let ((command (plist-get fix :command)))
              (eglot-execute-command server (plist-get command :command) (plist-get command :arguments)))))
        (princ (format "ok   applied %s\n" (plist-get fix :title))))
      (copydesk-test-wait "the text to read «للإدارة»" 10
                          (lambda () (save-excursion (goto-char (point-min)) (search-forward "للإدارة" nil t))))
      ;; A stale diagnostic keeps its place: wait for the server's new findings, with no
      ;; misspelling reported there any more.
      ;; Batch Emacs is never idle: do what its idle timers do (send the change, run flymake).
      (eglot--signal-textDocument/didChange)
      (let ((end (flymake-diagnostic-end diag)))
        (copydesk-test-wait
         "the diagnostic to disappear" 15
         (lambda ()
           (flymake-start)
           (not (seq-find (lambda (d)
                            (and (equal "misspelling"
                                        (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))) :code))
                                 (< (flymake-diagnostic-beg d) end)
                                 (> (flymake-diagnostic-end d) beg)))
                          (flymake-diagnostics))))))
      (princ "ok   the diagnostic is gone\nemacs-eglot: 1 passed, 0 failed\n")
      (kill-emacs 0))))

(condition-case err
    (copydesk-test-run)
  (error (copydesk-test-fail "%S" err)))
