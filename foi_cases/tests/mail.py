"""A mail server that is down, for the tests of what happens when an email cannot be sent."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

BACKEND = f"{__name__}.MailServerDown"


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        # Like a real server's errors, it names the recipient: what is recorded must not repeat it.
        raise smtplib.SMTPServerDisconnected(f"Connection to {email_messages[0].to[0]} unexpectedly closed")
