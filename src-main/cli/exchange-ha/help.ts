/** The usage `exchange-ha --help` prints. */
import { BIND_PASSWORD_ENV, DT_PASSWORD_ENV } from './arguments';

export const USAGE = `Usage:
  exchange-ha lab init DIR
  exchange-ha lab fail|restore DIR source|target|link|split|node NODE
  exchange-ha pair new FILE
  exchange-ha pair check FILE [--json]
  exchange-ha setup plan   --pair FILE WORLD [--step ID] [--json] [--out PLANFILE]
  exchange-ha setup apply  --pair FILE WORLD [--step ID | --plan PLANFILE] [--confirm STEP="note"]...
  exchange-ha setup verify --pair FILE WORLD [--step ID] [--json]
      WORLD: --lab DIR
           | --profile FILE [--dt-password-file FILE] [--bind-password-file FILE]
           | REAL TOOLS (the options below)
  exchange-ha check --pair FILE (--profile FILE | --lab DIR) [--json] [--timeout SECONDS]
                    [--dt-password-file FILE] [--bind-password-file FILE]
  exchange-ha incident watch --pair FILE (--lab DIR | --profile FILE) [--probe icmp[:HOST]|tcp:[HOST:]PORT]
                             [--interval SECONDS] [--missed N] [--json]
  exchange-ha incident failover|failback --pair FILE (--lab DIR | --profile FILE) [--dry-run] [--yes]
                             [--reason TEXT (failover)] [--at HH:MM (failback)] [--json]
  exchange-ha incident resume --pair FILE (--lab DIR | --profile FILE) [--yes] [--at HH:MM] [--json]
  exchange-ha incident status --pair FILE [--lab DIR | --profile FILE] [--json]
  exchange-ha --help

The setup of a new cluster pair (guide sections 3-6), driven by the pair document, step by step.

Commands:
  lab init DIR      A new lab in DIR (two emulated clusters, Double-Take on every node, node disks, a seeded
                    directory) and a ready pair document DIR/pair.json. Refused when DIR already holds a lab.
  lab fail DIR WHAT Pulls a failure in the lab: source or target (both nodes of that cluster lose power),
                    node NODE (one node; MSCS moves its groups), link (the replication link between the
                    clusters is cut; the monitor still sees the source), split (the target side and the
                    monitor's lab probe lose the source, which keeps running). Kept in DIR/failures.json.
  lab restore DIR WHAT  Restores it (the same words). The source's nodes come back with the Exchange group
                    offline (guide section 8 step 1). Restoring what is not pulled changes nothing.
  pair new FILE     Writes a new pair document to fill in: every site value (names, addresses, disks, paths,
                    the replication set) empty, the guide's resource names and defaults kept. Never over an
                    existing file.
  pair check FILE   Checks a pair document and lists every problem by its field (exit 2 while there is one).
                    Changes nothing. --json: one JSON object instead.
  setup plan        Prints every step's exact commands and edits, in order, marked [needed] or [in place],
                    with warnings and findings. Changes nothing.
                    --out PLANFILE also saves (JSON, versioned, no password) the plans of the steps that can
                    be applied now, each with its digest: the steps whose prerequisites are verified or done
                    by hand. The others are listed as waiting, not planned: a plan made before the steps it
                    builds on are applied would change once they are. Plan again after applying the file.
  setup apply       Applies the steps in the guide's order (or only --step): prints each step's plan, applies
                    exactly that plan (its needed changes, each shown as it runs), then verifies the step;
                    stops at the first step that fails. Only what is still needed runs, so a second apply
                    changes nothing. --plan PLANFILE applies exactly the plans of the file, step by step. A
                    step whose plan is not the same any more (the clusters, the nodes or the pair document
                    changed since it was shown or saved) is not run: the apply stops there with exit 3,
                    naming the step and what changed; the steps before it stay applied. Plan again then.
  setup verify      Checks every step (or only --step); each check is printed.
  check             Checks every outside system of the pair without changing anything, each with the exact
                    command that shows the same and its result: the domain controller answers, its certificate
                    is trusted, the bind works and can read the Exchange organisation, both virtual servers
                    exist; cluster.exe reaches both clusters and their nodes match the pair document; dtcl.exe
                    logs in to every node; every node's Double-Take folder is reachable and its online.dtcl
                    readable.
                    A line per check as it finishes (ok, FAIL with what, where and what to do next, skip),
                    then a summary. Exit 0 only when every check passed. --lab DIR checks the lab instead.
  incident watch    The monitor (guide section 6): probes the pair document's monitored address every interval
                    and prints the countdown, a line per change ("green TTF 6 s — reply from ..."). Time to Fail
                    = interval × missed replies, restarting on every reply; yellow once a reply is missed and a
                    quarter is used; at zero the second path (the source cluster answering cluster.exe) must
                    agree, else the line says which path vetoed and why and probing goes on. Exit 3 when the
                    manual intervention prompt is raised (kept on disk until answered; a pending one is shown
                    first), 0 on Ctrl+C while the source answers, 130 on Ctrl+C while it does not, 1 when the
                    probe cannot run. --probe replaces the pair document's probe (HOST defaults to the
                    monitored address); --interval (seconds, fractions allowed) and --missed replace its timing;
                    --json prints each change as one JSON object.
  incident failover The guided failover (guide section 7): the whole plan first (every step's exact commands),
                    then each step planned again, applied and verified with live progress: the source down by
                    both paths and its Exchange group online nowhere (else refused, saying how to fence it), the
                    manual intervention, exchfailover -setup -failover, the target group online in dependency
                    order with its stores mounted, exchfailover -failover, every mailbox opened on the target.
                    Writes the equivalent postover.bat in the incident's folder. A real run needs --yes (it
                    accepts the intervention; the command never reads standard input); --dry-run walks the same
                    steps and applies nothing. One run per pair: a second is refused naming the first's host
                    and start. Exit 0 succeeded (with warnings: said so), 1 failed at a step (named), 2 bad
                    input or refused (nothing changed), 130 cancelled (Ctrl+C or a question declined).
  incident failback The guided failback (guide section 8), the same way; --yes accepts the downtime now, or at
                    --at HH:MM (the run waits until then).
  incident resume   Resumes the last incident's unfinished (stopped, failed or cancelled) run at the step it
                    stopped in; the steps done are skipped, and the output says so.
  incident status   The last incident: a pending prompt first, each run's outcome and steps with their results,
                    the recovery time (first missed reply to every mailbox reachable, and the program's share)
                    and point (queued bytes at the loss, or unknown), and the timeline.

Options:
  --pair FILE       The pair document (JSON). An invalid one is refused with every problem and its field.
  --lab DIR         Work on the lab in DIR (made by "lab init"); progress and journal are kept in DIR.
                    Without --lab the real tools are used, reached as --profile or the real tools' options
                    say; progress and journal go beside the pair document (FILE.progress.json,
                    FILE.journal.jsonl).
  --step ID         Only this step (a guide section number: 3, 4.1, 4.2.1 ... 6).
  --confirm STEP="note"
                    (apply) Confirms, with what was done and where the evidence is, what only you can do:
                    the backups (--confirm 3="...", the whole step done by hand; a lab has it confirmed
                    already), and the Failover Control Center monitor entered on each target node
                    (--confirm 6="..."): the program can neither enter nor read it, so step 6 verifies only
                    once it is confirmed for the settings its plan shows. That confirmation is of a part of
                    step 6, not the step done by hand: the program still applies and verifies the rest.
  --json            (plan, verify, pair check, check) One JSON object on standard output instead of text.
  --log FILE        (setup, check) Appends the diagnostic log to FILE: one JSON line per cluster.exe and
                    dtcl.exe run, directory bind, node file read or write, step planned, applied or verified
                    and check (never a password). None by default.
  --out PLANFILE    (plan) Saves the plans of the steps that can be applied now (see setup plan).
  --plan PLANFILE   (apply) Applies exactly the plans of a file saved by setup plan --out (not with --step).
  --profile FILE    (setup, check) The connection profile of the pair, as the desktop program saves it (it
                    never holds a password): the directory, cluster.exe, dtcl.exe, the Double-Take user and
                    the nodes' files. Its Double-Take password comes from --dt-password-file FILE or
                    $${DT_PASSWORD_ENV}, its bind password (when it has a bindDn) from --bind-password-file
                    FILE or $${BIND_PASSWORD_ENV}; a password it needs and not given is refused before
                    anything runs. Not with --lab, nor with the real tools' options.
  --timeout SECONDS (check) Each check's time limit (default 60, at most 3600).

Real tools (setup, without --lab or --profile; they stand for a profile named "Command line"):
  --cluster-exe PATH        cluster.exe to run (default: cluster.exe).
  --dtcl-exe PATH           dtcl.exe to run (default: dtcl.exe); the script goes to its standard input.
  --dt-user USER            The Double-Take account (required).
  --dt-password-file FILE   A file holding its password; otherwise $${DT_PASSWORD_ENV}.
  --ldap-url URL            The domain controller, ldap://HOST[:PORT] or ldaps://HOST[:PORT]
                            (default: ldap://$USERDNSDOMAIN).
  --bind-dn DN              The account to bind as (anonymous without it).
  --bind-password-file FILE A file holding its password; otherwise $${BIND_PASSWORD_ENV}.
  --ca-file PEM             The CA to trust for ldaps:// or --starttls.
  --starttls                Upgrade ldap:// with StartTLS before binding.
  Passwords are never taken from the command line and never printed or journalled.

Exit codes: 0 done (plan printed, every step applied and verified, every check passed); 1 a step failed, was
not confirmed, or did not verify; 2 bad usage, an invalid pair document or plan file, a file or lab folder
already there (pair new, lab init), an invalid connection profile, a password not given, or a lab another
program has open; 3 a step's plan changed since it was shown or saved (nothing of that step ran); 4 (check) a
check failed; 130 (check) cancelled with Ctrl+C before every check finished.
`;
