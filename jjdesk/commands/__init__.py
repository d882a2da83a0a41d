"""Sub-commands of ``jjdesk``, one module each; see jjdesk.cli.COMMAND_MODULES."""
