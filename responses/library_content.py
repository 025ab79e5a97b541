"""The exemption library and standard paragraphs as shipped: the product's own wording.

Installed into the database (as version 1 of each entry) after every migrate and by
`manage.py load_exemption_library`; administrators then edit the database copies, which creates
new versions. Changing the text here never touches an installed entry.

Text is light Markdown: paragraphs separated by a blank line, "- " bullet lists, **bold**. Two kinds
of marker:
- `{placeholder}`: filled in when a letter is composed (see PLACEHOLDERS for the names allowed).
- `[[...]]`: a gap the officer must fill for this request; a letter cannot be submitted while one
  remains.
"""

from dataclasses import dataclass

# Filled in when a letter is composed. Values come from the case, the unit and the letter.
PLACEHOLDERS = {
    "act": "The name of the law the request is handled under, e.g. 'Freedom of Information Act 2000'.",
    "act_short": "Its short name: FOIA, the EIR, FOISA, the EIR (Scotland) or the UK GDPR.",
    "authority": "The bodies the letter is written for, e.g. 'Bedfordshire Police and Hertfordshire Constabulary'.",
    "unit_name": "The unit's name.",
    "unit_email": "The unit's email address.",
    "unit_phone": "The unit's telephone number.",
    "references": "Every reference the letter answers, e.g. 'FOI2019/07799 & FOI2019/07795'.",
    "received_date": "The date the request was received, e.g. '12th December 2019'.",
    "due_date": "The date the response is due.",
    "estimated_date": "The estimated decision date given in a public interest extension notice.",
    "exemptions": "The exemptions cited in the letter, e.g. 'section 24(2) (National security) and ...'.",
    "fee_amount": "The fee in a fees notice, e.g. 'GBP 12.40'.",
    "fee_due_by": "The date by which the fee must be paid (three months after the notice).",
    "cost_limit": "The appropriate limit, 'GBP 450' or 'GBP 600'.",
    "cost_limit_hours": "The limit in hours: 18 or 24.",
    "cost_hours": "The estimated hours in the s12 worksheet.",
    "cost_total": "The estimated cost in the s12 worksheet.",
    "hourly_rate": "The rate for staff time, 'GBP 25'.",
    "review_by": "The last date on which the requester can ask for an internal review.",
    "commissioner": "The Information Commissioner, or the Scottish Information Commissioner for FOISA.",
    "commissioner_website": "The commissioner's complaints web address (a unit setting).",
    "commissioner_helpline": "The commissioner's helpline (a unit setting).",
}


@dataclass(frozen=True)
class ExemptionText:
    """One exemption, exception or procedural refusal, with the wording a letter starts from.

    `provision` is what a refusal cites ("24(1)", "12(5)(b)"); `ncnd_provision` is what a neither
    confirm nor deny response cites ("24(2)"), or "" where there is none. Both are unique across the
    library: the citing code is "s" + provision for FOIA/FOISA and procedural entries, "reg" +
    provision for EIR ones ("s24(2)", "reg12(5)(b)").
    """

    code: str  # stable key: "s24", "s40_2", "eir_12_5_b", "s12"
    family: str  # "foia" (Part II), "eir" (EIR exceptions) or "procedural" (s12, s14)
    section: str  # for statistics: "24" for FOIA; "12(5)(b)" for EIR; "12", "14" for procedural
    provision: str
    ncnd_provision: str
    title: str
    absolute: bool
    basis: str  # "class", "prejudice" or "required_for"
    why: str  # why it applies
    harm: str  # the harm or prejudice (prejudice-based and "required for"); "" for class-based
    factors_for: str  # public interest factors favouring disclosure; "" when absolute
    factors_against: str  # factors favouring the exemption; "" when absolute
    balancing: str  # the balancing test and conclusion; "" when absolute
    ncnd_why: str = ""  # the same five blocks for a neither confirm nor deny response
    ncnd_harm: str = ""
    ncnd_factors_for: str = ""  # factors favouring confirming or denying
    ncnd_factors_against: str = ""
    ncnd_balancing: str = ""
    guidance: str = ""  # for officers: when it applies, pitfalls (never printed)


@dataclass(frozen=True)
class ParagraphText:
    code: str
    title: str
    body: str
    guidance: str = ""


def _t(text: str) -> str:
    """Tidy a triple-quoted block: drop indentation and join wrapped lines.

    A blank line separates paragraphs; a line starting with "- " starts a bullet; any other line
    continues the paragraph or bullet above it. The result has one line per paragraph or bullet.
    """
    blocks: list[list[str]] = [[]]
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif line.startswith("- ") or not blocks[-1]:
            blocks[-1].append(line)
        else:
            blocks[-1][-1] += " " + line
    return "\n\n".join("\n".join(block) for block in blocks if block)


# Closing sentences of the balancing texts: kept as separate paragraphs so that an officer who reaches
# a different conclusion can replace them.
_CONCLUSION = (
    "We have therefore concluded that, in all the circumstances, the public interest in maintaining the exemption "
    "outweighs the public interest in disclosure."
)
_NCND_CONCLUSION = (
    "We have therefore concluded that, in all the circumstances, the public interest in maintaining the exclusion of "
    "the duty to confirm or deny outweighs the public interest in confirming or denying whether the information is "
    "held."
)
_EIR_PRESUMPTION = (
    "In reaching this view we have applied the presumption in favour of disclosure in regulation 12(2), so the "
    "exception can be maintained only if the public interest in doing so outweighs the public interest in disclosure."
)
_EIR_CONCLUSION = (
    "We have therefore concluded that, in all the circumstances, the public interest in maintaining the exception "
    "outweighs the public interest in disclosing the information."
)
_LIKELIHOOD = "[[would (more probable than not) / would be likely to (a real and significant risk)]]"


def _balance(text: str, conclusion: str = _CONCLUSION) -> str:
    return _t(text) + "\n\n" + conclusion


def _eir_balance(text: str, conclusion: str = _EIR_CONCLUSION) -> str:
    return _t(text) + "\n\n" + _EIR_PRESUMPTION + "\n\n" + conclusion


def _harm(text: str) -> str:
    """A prejudice test whose likelihood the officer chooses: `LIKELIHOOD` marks where the choice goes."""
    return _t(text).replace("LIKELIHOOD", _LIKELIHOOD)


EXEMPTIONS: list[ExemptionText] = [
    # ---------------------------------------------------------------- FOIA Part II exemptions
    ExemptionText(
        code="s21",
        family="foia",
        section="21",
        provision="21(1)",
        ncnd_provision="",
        title="Information accessible by other means",
        absolute=True,
        basis="class",
        why=_t("""
            Section 21(1) exempts information that is reasonably accessible to the applicant by other means, even
            where a charge is made for it. The information you have asked for is already available:
            [[say exactly where and how it can be obtained, such as a web address or publication, and any charge]].

            Because the information is reasonably accessible to you, we are not required to provide it in response
            to your request. Section 21 is an absolute exemption, so there is no requirement to consider the public
            interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        guidance=_t("""
            Applies only where the information is reasonably accessible to this particular applicant, for example
            published on a website or available under the publication scheme, and the letter must say precisely
            where to find it. Information you merely intend to publish is not covered (consider section 22), and
            information available only by inspection somewhere the applicant cannot reasonably reach may not be
            reasonably accessible.
        """),
    ),
    ExemptionText(
        code="s22",
        family="foia",
        section="22",
        provision="22(1)",
        ncnd_provision="22(2)",
        title="Information intended for future publication",
        absolute=False,
        basis="class",
        why=_t("""
            Section 22(1) exempts information that is held with a view to its publication, by us or by any other
            person, at some future date (whether or not that date has been fixed), where that intention existed
            when the request was made and it is reasonable in all the circumstances to withhold the information
            until it is published.

            The information you have asked for will be published [[say what will be published, by whom, and when
            or that no date has yet been fixed]]. That intention was in place when we received your request. We
            consider it reasonable to withhold the information until then because [[explain why, for example that
            it is being checked before release or forms part of a planned publication schedule]].
        """),
        harm="",
        factors_for=_t("""
            - There is a general public interest in openness and transparency about the work of public authorities
              and the way they spend public money.
            - Providing the information now would allow it to inform public debate sooner.
        """),
        factors_against=_t("""
            - The information will be published, so the public interest in transparency will be met in full when
              it is.
            - A planned publication allows the information to be prepared, checked and released to everyone at the
              same time, rather than piecemeal in response to individual requests.
            - Releasing information early, before it has been finalised or checked, risks misleading the public.
            - Diverting staff to release the information early would take resources away from preparing the
              publication itself.
        """),
        balancing=_balance("""
            We recognise the value of the information to public debate. However, it will be made available to
            everyone when it is published, and we have not identified any pressing need that requires its release
            ahead of that date.
        """),
        ncnd_why=_t("""
            Section 22(2) removes the duty to confirm or deny whether information is held where doing so would
            itself disclose information, whether or not already recorded, that is held with a view to future
            publication. [[explain why confirming or denying would reveal the content or timing of a planned
            publication, in words that hold good whether or not information is held]]
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would promote openness about the plans and
              activities of public authorities.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal in advance whether a publication on this subject is planned, before
              it is ready to be released to everyone at the same time.
            - The public interest in knowing whether information exists will be met when any planned publication
              appears, without the need to confirm or deny now.
        """),
        ncnd_balancing=_balance(
            """
            Confirming or denying would anticipate an orderly publication process, and the public interest in
            transparency can be met when any publication appears.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            The intention to publish must have existed when the request was received and it must be reasonable to
            make the applicant wait; a fixed date is not required, but a vague possibility of publication is not
            enough. If the information has already been published, use section 21 instead.
        """),
    ),
    ExemptionText(
        code="s22a",
        family="foia",
        section="22A",
        provision="22A(1)",
        ncnd_provision="22A(2)",
        title="Research",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 22A(1) exempts information obtained in the course of, or derived from, a programme of research
            that is continuing with a view to the publication of a report of the research, where disclosure before
            the report is published would, or would be likely to, prejudice the programme, the interests of anyone
            taking part in it, or the interests of the authority holding the information or of the authority that
            is to publish the report.

            The information you have asked for was obtained in the course of, or derived from,
            [[name the research programme and say who intends to publish a report of it, and when if known]].
        """),
        harm=_harm("""
            The interest protected here is [[the research programme / the interests of its participants / the
            interests of the authority]], in the period before the research is reported.

            Disclosure would reveal [[describe in general terms what the information shows]]. This would harm that
            interest because [[explain the causal link, for example that partial results could be misinterpreted,
            participants could withdraw, or the findings could be published by others first]]. The harm would be
            real and of substance, not trivial.

            We consider that disclosure LIKELIHOOD cause this prejudice, because [[explain the likelihood, with any
            evidence from the researchers]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about research carried out or funded by public authorities
              and about how public money is spent on it.
            - Earlier access to research information can contribute to public knowledge and debate.
        """),
        factors_against=_t("""
            - Premature disclosure could undermine the integrity of the research, whose results will be published in
              a complete and peer-reviewed form.
            - Participants need to be confident that the programme will be conducted as planned and that their
              interests will be protected until the report is published.
            - Research that is disrupted or abandoned would waste the public money already invested in it.
        """),
        balancing=_balance("""
            The public interest in the research will largely be met when the report is published. We give
            significant weight to protecting the research while it is continuing, and we have not found a public
            interest in earlier disclosure strong enough to outweigh that.
        """),
        ncnd_why=_t("""
            Section 22A(2) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice any of the matters protected by section 22A(1).
            [[explain why confirming or denying would itself reveal something about the research, in words that hold
            good whether or not information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the research activity
            concerned]] is taking place. That fact could be used to [[explain the causal link, for example to
            identify participants or to anticipate the findings]].

            We consider that confirming or denying LIKELIHOOD prejudice the research programme or the interests of
            those taking part in it, because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would show openness about the research carried out
              or funded by public authorities.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could affect the conduct of the research or the interests of its participants
              before the report is published.
            - The public interest in knowing about the research can be met when it is reported, without the need to
              confirm or deny now.
        """),
        ncnd_balancing=_balance(
            """
            We give weight to allowing the research to be completed and reported without interference, and consider
            that a confirmation or denial now would add little to public understanding.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Mainly relevant to universities, NHS bodies and other authorities that carry out research; the programme
            must still be continuing and a report must be intended. Identify which of the four interests in section
            22A(1)(c) would be prejudiced, and obtain evidence from the researchers.
        """),
    ),
    ExemptionText(
        code="s23",
        family="foia",
        section="23",
        provision="23(1)",
        ncnd_provision="23(5)",
        title="Information supplied by, or relating to, bodies dealing with security matters",
        absolute=True,
        basis="class",
        why=_t("""
            Section 23(1) exempts information that was directly or indirectly supplied to us by, or that relates
            to, any of the bodies listed in section 23(3). These include the Security Service, the Secret
            Intelligence Service and Government Communications Headquarters.

            The information you have asked for [[confirm that it was supplied by, or relates to, a body listed in
            section 23(3), without naming the body if that would itself be revealing]]. Section 23 is an absolute
            exemption, so there is no requirement to consider the public interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 23(5) removes the duty to confirm or deny whether information is held where doing so would
            involve the disclosure of information, whether or not already recorded, that was directly or indirectly
            supplied by, or relates to, any of the bodies listed in section 23(3).

            Confirming or denying whether we hold information of the kind described in your request would in itself
            reveal whether or not any of those bodies has an interest in, or involvement with, the matter concerned.
            Section 23(5) is an absolute exemption, so there is no requirement to consider the public interest.
        """),
        guidance=_t("""
            Sections 23 and 24 cannot both apply to the same information, but the Commissioner accepts citing
            sections 23(5) and 24(2) together, in the alternative, where saying which one applies would itself be
            revealing. Record internally which body is involved, and take advice from your security lead or the body
            concerned before relying on it.
        """),
    ),
    ExemptionText(
        code="s24",
        family="foia",
        section="24",
        provision="24(1)",
        ncnd_provision="24(2)",
        title="National security",
        absolute=False,
        basis="required_for",
        why=_t("""
            Section 24(1) exempts information where exemption from the duty to disclose is required for the purpose
            of safeguarding national security. In this context "required" means reasonably necessary: it is not
            necessary to show that disclosure would lead to a direct or immediate threat to the United Kingdom.

            The information you have asked for [[describe the information in general terms and how it relates to
            national security, without revealing its content]].
        """),
        harm=_t("""
            National security includes the security of the United Kingdom and its people, the protection of its
            democratic institutions, essential services and infrastructure, and co-operation with other countries
            against terrorism and other threats. Action against another country can, in turn, affect the security
            of the United Kingdom.

            Disclosure under the Act is disclosure to the world, including to anyone who would wish to harm the
            United Kingdom or its people. The information would be of use to them because [[explain how, for
            example by revealing capabilities, vulnerabilities or the focus of protective activity]]. Information
            that seems harmless on its own can also be combined with other information already in the public domain
            to build a more complete picture.

            For these reasons we consider that withholding the information is reasonably necessary to safeguard
            national security.
        """),
        factors_for=_t("""
            - Disclosure would increase public understanding of how public authorities help to keep the country safe,
              and would help the public to judge whether that work is effective and proportionate.
            - There is a public interest in transparency about how public money is spent on security-related work.
            - Openness about these matters can strengthen public confidence and inform public debate.
        """),
        factors_against=_t("""
            - Safeguarding national security carries very great weight, as does avoiding the release of information
              that could assist anyone seeking to harm the United Kingdom or its people.
            - Disclosure could make protective measures less effective, and could require them to be changed at
              public expense.
            - Once released, the information would be available to everyone, including those with hostile intent.
        """),
        balancing=_balance("""
            We recognise the public interest in openness about how public authorities protect the public, and that
            this can build confidence in their work. However, the public interest in safeguarding national security
            carries very considerable weight and will be outweighed only in exceptional circumstances. We have not
            found such circumstances here.
        """),
        ncnd_why=_t("""
            Section 24(2) removes the duty to confirm or deny whether information is held where exemption from that
            duty is required for the purpose of safeguarding national security.
            [[explain in general terms why confirming or denying would itself be revealing, in words that hold good
            whether or not information is held]]
        """),
        ncnd_harm=_t("""
            Confirming or denying whether information is held would, in itself, tell anyone whether
            [[the capability, activity or arrangement concerned]] exists or has been considered. Those who wish to
            harm the United Kingdom could collect confirmations and denials from this and other public authorities,
            in response to the same or similar requests, and use the pattern to work out where protective
            arrangements are or are not in place.

            A confirmation or denial would therefore assist those who pose a threat to national security. For this
            reason we consider that exclusion from the duty to confirm or deny is reasonably necessary to safeguard
            national security.
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the work of public
              authorities in protecting the public, and would better inform public debate.
            - Confirming or denying would show whether public money is being spent on the activity described in the
              request.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would allow inferences to be drawn about national security arrangements,
              capabilities or areas of interest, which could be exploited by those seeking to harm the United Kingdom.
            - A confirmation or denial, taken together with replies from other public authorities, could reveal where
              protective arrangements are or are not in place.
            - Any confirmation or denial would become public knowledge and could weaken measures that protect the
              public.
        """),
        ncnd_balancing=_balance(
            """
            There is a public interest in transparency about how the public is protected. However, safeguarding
            national security carries very considerable weight, and confirming or denying whether information is
            held would provide information of value to those who pose a threat. We have found no exceptional
            circumstances that would justify a confirmation or denial.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Consider section 23 first; where it is important not to reveal which of the two applies, cite sections
            23(5) and 24(2) together. A ministerial certificate under section 25 is conclusive evidence but is not
            needed to rely on the exemption.
        """),
    ),
    ExemptionText(
        code="s26",
        family="foia",
        section="26",
        provision="26(1)",
        ncnd_provision="26(3)",
        title="Defence",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 26(1) exempts information whose disclosure would, or would be likely to, prejudice the defence
            of the British Islands or of any colony, or the capability, effectiveness or security of the armed forces
            of the Crown or of any forces co-operating with them.

            The information you have asked for [[describe the information in general terms and how it relates to
            defence or to the armed forces]].
        """),
        harm=_harm("""
            The interest protected is [[the defence of the British Islands / the capability, effectiveness or
            security of the forces concerned]].

            Disclosure would reveal [[describe in general terms what the information shows]]. Because disclosure
            under the Act is to the world, this would be available to hostile states or groups, who could use it to
            [[explain the causal link, for example to identify vulnerabilities or anticipate deployments]]. The harm
            would be real and of substance.

            We consider that disclosure LIKELIHOOD prejudice that interest, because [[explain the likelihood]].
        """),
        factors_for=_t("""
            - Disclosure would increase public understanding of defence matters and of how public money is spent on
              them.
            - There is a public interest in accountability for decisions that affect the armed forces and the safety
              of the country.
        """),
        factors_against=_t("""
            - There is a very strong public interest in the effective defence of the United Kingdom and in the safety
              of the armed forces.
            - Disclosure could assist those who would wish to harm the United Kingdom or its forces.
            - Disclosure could reduce the effectiveness of defence capabilities or require costly changes to them.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency about defence matters. However, the protection of the
            armed forces and of the country carries very considerable weight, and the information would not add
            enough to public understanding to justify the risk of harm that we have identified.
        """),
        ncnd_why=_t("""
            Section 26(3) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice any of the matters in section 26(1).
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the capability, activity or
            arrangement concerned]] exists. Hostile states or groups could use that fact, together with other
            information, to [[explain the causal link]].

            We consider that confirming or denying LIKELIHOOD prejudice the defence of the British Islands or the
            capability, effectiveness or security of the forces, because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about defence matters.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would give hostile states or groups information about defence capabilities or
              activities that they could exploit.
            - A confirmation or denial could be combined with other replies to build a picture of defence
              arrangements.
        """),
        ncnd_balancing=_balance(
            """
            The public interest in transparency does not outweigh the risk to defence and to the armed forces that
            a confirmation or denial would create.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Mainly relevant to central government and bodies holding information about the armed forces, defence
            estates or defence contracts, though councils and police may hold some, for example in emergency
            planning. Consult the Ministry of Defence where the information came from it.
        """),
    ),
    ExemptionText(
        code="s27_1",
        family="foia",
        section="27",
        provision="27(1)",
        ncnd_provision="27(4)(a)",
        title="International relations",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 27(1) exempts information whose disclosure would, or would be likely to, prejudice relations
            between the United Kingdom and any other State, international organisation or international court, the
            interests of the United Kingdom abroad, or the promotion or protection by the United Kingdom of its
            interests abroad.

            The information you have asked for [[describe the information in general terms and say which of these
            interests it relates to]].
        """),
        harm=_harm("""
            The interest protected is [[the United Kingdom's relations with the State or organisation concerned /
            its interests abroad]].

            Disclosure would reveal [[describe in general terms what the information shows]]. This would harm that
            interest because [[explain the causal link, for example that it would damage trust, or make relations
            more difficult and require a diplomatic response to limit the damage]]. The harm would be real and of
            substance.

            We consider that disclosure LIKELIHOOD prejudice that interest, because [[explain the likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about the United Kingdom's dealings with other countries and
              international bodies.
            - Disclosure would help the public to understand, and to hold to account, decisions taken in the conduct
              of international relations.
        """),
        factors_against=_t("""
            - It is strongly in the public interest that the United Kingdom maintains good relations with other
              States and international bodies, and can protect its interests abroad.
            - Disclosure could damage trust and make other States less willing to share information or co-operate.
            - Limiting the damage caused by disclosure could require diplomatic effort and public resources.
        """),
        balancing=_balance("""
            We recognise the value of transparency about international matters. However, we give significant
            weight to the United Kingdom's ability to maintain effective relations with other States and
            international bodies, which disclosure would put at risk.
        """),
        ncnd_why=_t("""
            Section 27(4)(a) removes the duty to confirm or deny whether information is held where doing so would,
            or would be likely to, prejudice any of the matters in section 27(1).
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the contact, arrangement or
            activity concerned]] has taken place. That in itself could [[explain the causal link, for example that
            it would be seen by the State concerned as a breach of trust]].

            We consider that confirming or denying LIKELIHOOD prejudice the United Kingdom's international
            relations or interests abroad, because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the United
              Kingdom's international dealings.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could damage relations with other States or international bodies, and their
              trust in the United Kingdom.
            - A confirmation or denial could make others less willing to deal with the United Kingdom in confidence.
        """),
        ncnd_balancing=_balance(
            """
            The public interest in knowing whether information is held does not outweigh the damage to
            international relations that a confirmation or denial would risk.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Prejudice can include making relations more difficult or requiring a diplomatic response to contain the
            damage, not only a breakdown in relations. Consult the Foreign, Commonwealth and Development Office where
            relations with overseas governments are involved.
        """),
    ),
    ExemptionText(
        code="s27_2",
        family="foia",
        section="27",
        provision="27(2)",
        ncnd_provision="27(4)(b)",
        title="Confidential information from other States and international bodies",
        absolute=False,
        basis="class",
        why=_t("""
            Section 27(2) exempts confidential information obtained from a State other than the United Kingdom, or
            from an international organisation or international court. Under section 27(3), information is
            confidential for this purpose while the terms on which it was obtained require it to be held in
            confidence, or while the circumstances in which it was obtained make it reasonable for the State,
            organisation or court to expect that it will be held in confidence.

            The information you have asked for was obtained from [[describe the source in general terms, and the
            terms or circumstances in which it was provided in confidence]].
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about the information that informs the United Kingdom's
              dealings with other countries and international bodies.
            - Disclosure would increase public understanding of matters that may affect the United Kingdom.
        """),
        factors_against=_t("""
            - Other States and international bodies share information with the United Kingdom on the understanding
              that it will be kept confidential, and there is a strong public interest in respecting that.
            - Disclosure could make them less willing to share information in future, to the detriment of the
              United Kingdom's interests.
        """),
        balancing=_balance("""
            The information was provided in confidence, and we give considerable weight to maintaining the trust of
            those who share information with the United Kingdom. The public interest in disclosure is not strong
            enough to justify breaching that trust.
        """),
        ncnd_why=_t("""
            Section 27(4)(b) removes the duty to confirm or deny whether information is held where doing so would
            involve the disclosure of confidential information, whether or not already recorded, obtained from
            another State, an international organisation or an international court.
            [[explain why confirming or denying would itself reveal confidential information, in words that hold
            good whether or not information is held]]
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the United
              Kingdom's dealings with other countries.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would itself reveal whether another State or international body has shared
              information in confidence, which could damage their trust in the United Kingdom.
        """),
        ncnd_balancing=_balance(
            """
            We give considerable weight to maintaining the confidence of other States and international bodies, and
            the public interest in confirming or denying whether information is held does not outweigh it.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            A class-based exemption for information obtained in confidence from another State, an international
            organisation or an international court; no harm test is needed, but the information must still be
            confidential at the time of the request. Information from foreign bodies that was not given in
            confidence may fall under section 27(1) instead.
        """),
    ),
    ExemptionText(
        code="s28",
        family="foia",
        section="28",
        provision="28(1)",
        ncnd_provision="28(3)",
        title="Relations within the United Kingdom",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 28(1) exempts information whose disclosure would, or would be likely to, prejudice relations
            between any two administrations in the United Kingdom: the United Kingdom Government, the Scottish
            Government, the Welsh Government and the Northern Ireland Executive.

            The information you have asked for [[describe the information in general terms and which
            administrations it concerns]].
        """),
        harm=_harm("""
            The interest protected is the relationship between [[the administrations concerned]], which depends on
            being able to discuss matters of shared concern in confidence.

            Disclosure would reveal [[describe in general terms what the information shows]]. This would harm that
            relationship because [[explain the causal link]]. The harm would be real and of substance.

            We consider that disclosure LIKELIHOOD prejudice relations between the administrations, because
            [[explain the likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about how the administrations in the United Kingdom work
              together and how decisions affecting the public are reached.
        """),
        factors_against=_t("""
            - Effective co-operation between the administrations in the United Kingdom is in the public interest,
              and depends on trust and the ability to exchange views candidly.
            - Disclosure could make the administrations less willing to share information or discuss issues openly
              with each other.
        """),
        balancing=_balance("""
            We recognise the public interest in understanding how the administrations work together, but we give
            greater weight to protecting the effective relationship between them.
        """),
        ncnd_why=_t("""
            Section 28(3) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice relations between any administrations in the United Kingdom.
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the contact or exchange
            concerned]] has taken place between administrations, which could [[explain the causal link]].

            We consider that confirming or denying LIKELIHOOD prejudice relations between the administrations,
            because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about relations between
              the administrations.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could damage trust between the administrations and their willingness to
              exchange information in confidence.
        """),
        ncnd_balancing=_balance(
            """
            Protecting effective relations between the administrations outweighs the limited public interest in
            confirming or denying whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Applies only to relations between the four administrations named in section 28(2), not to relations
            between local authorities or other public bodies. Consult the other administration concerned before
            relying on it.
        """),
    ),
    ExemptionText(
        code="s29",
        family="foia",
        section="29",
        provision="29(1)",
        ncnd_provision="29(2)",
        title="The economy",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 29(1) exempts information whose disclosure would, or would be likely to, prejudice the economic
            interests of the United Kingdom or of any part of it, or the financial interests of any administration
            in the United Kingdom.

            The information you have asked for [[describe the information in general terms and the economic or
            financial interest it relates to]].
        """),
        harm=_harm("""
            The interest protected is [[the economic interests of the United Kingdom or the part concerned / the
            financial interests of the administration concerned]].

            Disclosure would reveal [[describe in general terms what the information shows]]. This would harm that
            interest because [[explain the causal link, for example that it could move markets or weaken a
            negotiating position]]. The harm would be real and of substance.

            We consider that disclosure LIKELIHOOD prejudice that interest, because [[explain the likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about economic and financial decisions that affect the
              public.
            - Disclosure would help the public to understand and scrutinise the management of public finances.
        """),
        factors_against=_t("""
            - There is a strong public interest in protecting the economy and the public finances from avoidable
              harm.
            - Disclosure could give some people an unfair advantage, or undermine confidence, to the detriment of
              the wider public.
        """),
        balancing=_balance("""
            We recognise the public interest in understanding economic and financial decisions. However, the harm
            that disclosure would risk would be borne by the public as a whole, and we give that greater weight.
        """),
        ncnd_why=_t("""
            Section 29(2) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice any of the matters in section 29(1).
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the economic or financial
            matter concerned]] is under consideration, which could [[explain the causal link, for example by
            prompting speculation in the markets]].

            We consider that confirming or denying LIKELIHOOD prejudice those economic or financial interests,
            because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about economic and
              financial decisions.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could prompt speculation or behaviour that would harm the economy or the public
              finances.
        """),
        ncnd_balancing=_balance(
            """
            The risk of harm to the wider economic and financial interests of the public outweighs the public
            interest in confirming or denying whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Mostly relevant to central and devolved government, for example market-sensitive information. The
            commercial or financial interests of a council, NHS body or police force usually fall under section
            43(2) instead.
        """),
    ),
    ExemptionText(
        code="s30",
        family="foia",
        section="30",
        provision="30(1)",
        ncnd_provision="30(3)",
        title="Investigations and proceedings",
        absolute=False,
        basis="class",
        why=_t("""
            Section 30(1) exempts information that has at any time been held by a public authority for the purposes
            of:

            - any investigation which the authority has a duty to conduct with a view to it being ascertained
              whether a person should be charged with an offence, or whether a person charged with an offence is
              guilty of it;
            - any investigation conducted by the authority which in the circumstances may lead to a decision by the
              authority to institute criminal proceedings which it has power to conduct; or
            - any criminal proceedings which the authority has power to conduct.

            The information you have asked for was held for the purposes of [[describe the investigation or
            proceedings in general terms and say which of these applies]]. Section 30 is a class-based exemption, so
            there is no need to show that disclosure would cause harm, but it is subject to the public interest
            test.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about how investigations and prosecutions are carried out,
              and in accountability for the use of public money in doing so.
            - Disclosure could increase public confidence that investigations are conducted thoroughly and fairly.
        """),
        factors_against=_t("""
            - There is a strong public interest in protecting the integrity of investigations and criminal
              proceedings, so that offenders can be brought to justice.
            - Disclosure could prejudice any current or future proceedings, including the right of any person to a
              fair trial.
            - People who assist investigations, including witnesses and informants, need to be confident that
              information they provide will not be made public.
            - The courts, not disclosure under the Act, are the proper place for evidence to be tested.
        """),
        balancing=_balance("""
            The weight of the public interest in maintaining the exemption depends on the stage the investigation or
            proceedings have reached and on the sensitivity of the information. [[say whether the investigation is
            live or closed, and how that affects the balance]] We give significant weight to protecting the
            investigative and prosecution process, and the people who take part in it.
        """),
        ncnd_why=_t("""
            Section 30(3) removes the duty to confirm or deny whether information is held where the information, if
            held, would be exempt under section 30(1) or (2). Confirming or denying whether we hold information of the
            kind described in your request would in itself reveal whether or not [[the person, incident or matter
            concerned]] has been the subject of an investigation.
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about how investigations
              are conducted.
            - Confirming or denying could reassure the public that matters brought to the attention of the
              authority are looked into.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal whether an investigation has taken place, which could alert those
              involved, prejudice any proceedings and damage the investigation.
            - A confirmation that an investigation exists could lead to speculation about, and unfair treatment of,
              people who may never be charged with any offence.
            - Confirming or denying in some cases but not in others would allow inferences to be drawn, so the same
              approach must be taken consistently.
        """),
        ncnd_balancing=_balance(
            """
            The public interest in transparency about investigations is outweighed by the need to protect the
            integrity of investigations and proceedings, and the people connected with them.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            A class-based exemption available only to authorities with a duty or power to investigate offences or
            conduct criminal proceedings (police forces, and councils and regulators with prosecution powers, for
            example); it covers information held at any time for those purposes, even after the case has closed.
            Sections 30 and 31 are mutually exclusive: use section 31 only for information that does not fall within
            section 30.
        """),
    ),
    ExemptionText(
        code="s31",
        family="foia",
        section="31",
        provision="31(1)",
        ncnd_provision="31(3)",
        title="Law enforcement",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 31(1) exempts information, not already exempt under section 30, whose disclosure would, or would
            be likely to, prejudice any of the law enforcement interests listed in that subsection. These include
            the prevention or detection of crime, the apprehension or prosecution of offenders, the administration of
            justice, the assessment or collection of tax, the operation of immigration controls, and the exercise by
            a public authority of its functions for purposes such as establishing whether any person has failed to
            comply with the law.

            The interest relevant to your request is [[name the interest in section 31(1)(a) to (i) and, for section
            31(1)(g), the purpose in section 31(2)]].
        """),
        harm=_harm("""
            The interest protected is [[the law enforcement interest, for example the prevention or detection of
            crime]].

            Disclosure would reveal [[describe in general terms what the information shows]]. Because disclosure
            under the Act is to the world, the information would be available to those intent on breaking the law,
            who could use it to [[explain the causal link, for example to identify gaps in enforcement, avoid
            detection or adapt their methods]]. The harm would be real and of substance, not trivial.

            We consider that disclosure LIKELIHOOD prejudice that interest, because [[explain the likelihood, with
            any evidence]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about how the law is enforced and how public money is spent
              on doing so.
            - Disclosure would help the public to judge whether enforcement is effective and proportionate, which can
              increase public confidence.
            - Better public awareness may help people to protect themselves from crime.
        """),
        factors_against=_t("""
            - There is a very strong public interest in the effective prevention and detection of crime and in
              bringing offenders to justice.
            - Disclosure could allow offenders to change their behaviour to avoid detection, putting the public at
              greater risk.
            - Methods that are compromised would need to be changed or replaced, at additional cost to the public
              purse.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency about law enforcement. However, the information would
            be of use to those seeking to break the law, and the public interest in effective law enforcement,
            which protects the whole community, carries greater weight.
        """),
        ncnd_why=_t("""
            Section 31(3) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice any of the matters in section 31(1).
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            The interest protected is [[the law enforcement interest, for example the prevention or detection of
            crime]].

            A confirmation or denial would tell anyone whether [[the tactic, capability or activity concerned]] is
            used or has been considered. Those intent on committing crime could use this, together with replies from
            other public authorities to the same or similar requests, to work out where they are more or less likely
            to be detected and to adapt their behaviour accordingly.

            We consider that confirming or denying LIKELIHOOD prejudice that interest, because [[explain the
            likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about how the law is
              enforced.
            - Confirming or denying would show whether public money is being spent on the activity described in the
              request.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal whether particular methods or capabilities are in use, allowing
              offenders to adapt their behaviour to avoid detection.
            - A confirmation or denial, combined with replies from other authorities, could show where enforcement is
              weaker, increasing the risk of crime in those areas.
            - Confirming or denying could compromise methods that are used repeatedly, which would then have to be
              replaced at public expense.
        """),
        ncnd_balancing=_balance(
            """
            There is a public interest in openness about law enforcement, but it is outweighed by the need to avoid
            giving those who break the law information that would help them to avoid detection.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Name the specific limb, for example section 31(1)(a), and for section 31(1)(g) also name the purpose in
            section 31(2). Not limited to the police: councils, regulators and NHS counter-fraud teams can rely on
            it for their own enforcement functions.
        """),
    ),
    ExemptionText(
        code="s32",
        family="foia",
        section="32",
        provision="32(1)",
        ncnd_provision="32(3)",
        title="Court records",
        absolute=True,
        basis="class",
        why=_t("""
            Section 32(1) exempts information held by a public authority only because it is contained in a
            document filed with, or otherwise placed in the custody of, a court for the purposes of proceedings in a
            particular cause or matter; a document served on or by a public authority for the purposes of such
            proceedings; or a document created by a court or a member of its administrative staff for the purposes
            of such proceedings. Section 32(2) gives the same protection to documents relating to inquiries and
            arbitrations.

            The information you have asked for is held only because it is contained in [[describe the type of
            document and the proceedings in general terms]]. Section 32 is an absolute exemption, so there is no
            requirement to consider the public interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 32(3) removes the duty to confirm or deny whether information is held where the information, if
            held, would be exempt under section 32. Confirming or denying whether we hold information of this kind
            would in itself reveal whether [[the proceedings concerned]] have taken place or involved us. Section 32
            is an absolute exemption, so there is no requirement to consider the public interest.
        """),
        guidance=_t("""
            Applies only where the authority holds the information solely because it is in a court, inquiry or
            arbitration document; the same information held in the authority's own files for other purposes is not
            covered. Access to court records is a matter for the courts under their own rules.
        """),
    ),
    ExemptionText(
        code="s33",
        family="foia",
        section="33",
        provision="33(2)",
        ncnd_provision="33(3)",
        title="Audit functions",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 33 applies to public authorities with functions in relation to the audit of the accounts of
            other public authorities, or the examination of the economy, efficiency and effectiveness with which
            other public authorities use their resources. Section 33(2) exempts information whose disclosure would,
            or would be likely to, prejudice the exercise of any of those functions.

            The information you have asked for relates to [[describe the audit or examination concerned, in general
            terms]].
        """),
        harm=_harm("""
            The interest protected is the effective exercise of our audit and examination functions.

            Disclosure would reveal [[describe in general terms what the information shows]]. This would harm those
            functions because [[explain the causal link, for example that audited bodies would be less candid, or
            that the audit would be compromised before it is complete]]. The harm would be real and of substance.

            We consider that disclosure LIKELIHOOD prejudice those functions, because [[explain the likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about how public bodies are audited and how they use public
              money.
            - Disclosure would help the public to understand the findings of audit work and to hold public bodies to
              account.
        """),
        factors_against=_t("""
            - Effective audit and inspection protect the public purse, and depend on audited bodies sharing
              information freely and candidly.
            - Premature disclosure could compromise work in progress or mislead the public before findings are
              final.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency about the use of public money. However, that interest is
            best served by audit work that is completed effectively and reported in full, and disclosure would put
            that at risk.
        """),
        ncnd_why=_t("""
            Section 33(3) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice the exercise of any of the functions in section 33(1).
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the audit, examination or
            concern]] exists, which could [[explain the causal link, for example alerting a body to an examination
            before it begins]].

            We consider that confirming or denying LIKELIHOOD prejudice our audit functions, because [[explain the
            likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about audit work.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could reveal the focus of audit or examination work before it is complete,
              undermining its effectiveness.
        """),
        ncnd_balancing=_balance(
            """
            The public interest in effective audit outweighs the limited benefit of confirming or denying whether
            information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Available only to bodies with external audit or inspection functions over other public authorities, such
            as the National Audit Office, local audit bodies and inspectorates. An authority's own internal audit
            does not qualify; consider section 36 or section 31(1)(g) instead.
        """),
    ),
    ExemptionText(
        code="s34",
        family="foia",
        section="34",
        provision="34(1)",
        ncnd_provision="34(2)",
        title="Parliamentary privilege",
        absolute=True,
        basis="required_for",
        why=_t("""
            Section 34(1) exempts information where exemption from the duty to disclose is required for the purpose
            of avoiding an infringement of the privileges of either House of Parliament.

            The information you have asked for relates to [[identify the parliamentary proceedings, committee or
            inquiry concerned]]. Section 34 is an absolute exemption, so there is no requirement to consider the
            public interest.
        """),
        harm=_t("""
            Parliamentary privilege includes the right of each House to control the publication of its own
            proceedings, such as evidence given to its committees and draft committee reports. Disclosure of this
            information without the authority of the House would infringe that privilege, because [[explain why,
            for example that the committee has not yet published the evidence]].
        """),
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 34(2) removes the duty to confirm or deny whether information is held where exemption from that
            duty is required for the purpose of avoiding an infringement of the privileges of either House of
            Parliament. Section 34 is an absolute exemption, so there is no requirement to consider the public
            interest.
        """),
        ncnd_harm=_t("""
            Confirming or denying whether information is held would itself reveal [[what a confirmation or denial
            would reveal about the parliamentary proceedings concerned]] before the House has decided whether to
            make it public, which would infringe its privileges.
        """),
        guidance=_t("""
            Rare outside Parliament and central government; typical examples are unpublished evidence to select
            committees and draft committee reports. Take advice from the relevant House authorities, whose
            certificate under section 34(3) is conclusive.
        """),
    ),
    ExemptionText(
        code="s35",
        family="foia",
        section="35",
        provision="35(1)",
        ncnd_provision="35(3)",
        title="Formulation of government policy",
        absolute=False,
        basis="class",
        why=_t("""
            Section 35(1) exempts information held by a government department or by the Welsh Government if it
            relates to:

            - the formulation or development of government policy;
            - Ministerial communications;
            - the provision of advice by any of the Law Officers, or any request for such advice; or
            - the operation of any Ministerial private office.

            The information you have asked for relates to [[say which of these applies and describe the policy or
            communications in general terms]]. Section 35 is a class-based exemption, so there is no need to show
            that disclosure would cause harm, but it is subject to the public interest test.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in understanding how government policy is developed and how decisions are
              reached, and in holding Ministers and officials to account for them.
            - Disclosure would inform public debate and may increase public participation in policy making.
            - Section 35(4) requires particular regard to be had to the public interest in disclosing factual
              information used to provide an informed background to decision-taking.
        """),
        factors_against=_t("""
            - Ministers and officials need a safe space in which to develop policy, consider options and reach
              decisions away from external interference and distraction.
            - Officials must be able to give free and frank advice; premature disclosure could make advice less
              candid in future and so lead to poorer decision-making.
            - Where Ministerial communications are concerned, there is a public interest in maintaining the
              convention of collective Cabinet responsibility.
        """),
        balancing=_balance("""
            The weight of the safe space argument depends on the stage the policy has reached. [[say whether the
            policy is still being developed, or when and how a decision was announced, and how that affects the
            balance]] We give significant weight to protecting the policy-making process while it remains live.
        """),
        ncnd_why=_t("""
            Section 35(3) removes the duty to confirm or deny whether information is held where the information, if
            held, would be exempt under section 35(1). Confirming or denying whether we hold information of the
            kind described in your request would in itself reveal whether [[the policy matter or communication
            concerned]] is under consideration.
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the matters on
              which government is developing policy.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal whether a particular policy option is being considered, intruding
              on the safe space needed to develop policy.
            - Confirming or denying could lead to premature public debate on options that may never be adopted.
        """),
        ncnd_balancing=_balance(
            """
            Protecting the space in which policy is developed outweighs the public interest in confirming or
            denying whether information is held at this stage.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Available only to government departments and the Welsh Government; councils, police forces, NHS bodies
            and other authorities should consider section 36 instead. Timing is crucial: the safe space argument
            carries most weight while policy is being formulated and weakens once a decision has been announced.
        """),
    ),
    ExemptionText(
        code="s36",
        family="foia",
        section="36",
        provision="36(2)",
        ncnd_provision="36(3)",
        title="Prejudice to effective conduct of public affairs",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 36(2) exempts information whose disclosure would, or would be likely to, in the reasonable
            opinion of a qualified person:

            - prejudice the maintenance of the convention of the collective responsibility of Ministers of the
              Crown, or the work of the Northern Ireland Executive Committee or of the Welsh Government Cabinet;
            - inhibit the free and frank provision of advice, or the free and frank exchange of views for the
              purposes of deliberation; or
            - otherwise prejudice the effective conduct of public affairs.

            The qualified person for {authority} is [[name and role of the qualified person]]. On [[date of the
            opinion]], the qualified person gave the opinion that disclosure of the information would, or would be
            likely to, [[say which of these effects applies]]. We are satisfied that this is a reasonable opinion.
        """),
        harm=_harm("""
            The interest protected is [[the free and frank provision of advice / the free and frank exchange of
            views / the effective conduct of public affairs]].

            The information consists of [[describe the information in general terms]]. In the qualified person's
            opinion, disclosure would harm that interest because [[explain the causal link, for example that
            officers would be less candid in future discussions of this kind]]. The harm would be real and of
            substance.

            The qualified person's opinion is that disclosure LIKELIHOOD have this effect, because [[explain the
            likelihood, as recorded in the opinion]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about how public authorities reach decisions and conduct
              their business.
            - Disclosure would allow the public to understand and scrutinise the advice and views that informed
              decisions, and would increase accountability.
        """),
        factors_against=_t("""
            - Officers and those advising them need to be able to give advice and exchange views freely and frankly,
              without concern that their words will be published prematurely.
            - Inhibiting candid discussion would be likely to lead to poorer decision-making and, in the end, worse
              outcomes for the public.
            - Public authorities need space to consider options and reach decisions effectively.
        """),
        balancing=_balance("""
            Having accepted the qualified person's opinion that the prejudice would, or would be likely to, occur,
            we have formed our own view of its severity, extent and frequency in weighing the public interest.
            [[explain how the timing and sensitivity of the information affect the balance]]
        """),
        ncnd_why=_t("""
            Section 36(3) removes the duty to confirm or deny whether information is held where, in the reasonable
            opinion of a qualified person, doing so would, or would be likely to, have any of the effects in section
            36(2). On [[date of the opinion]], [[name and role of the qualified person]] gave that opinion, and we
            are satisfied that it is reasonable.
        """),
        ncnd_harm=_harm("""
            In the qualified person's opinion, confirming or denying whether information is held would reveal
            [[what a confirmation or denial would reveal]], which would [[explain the causal link]].

            The qualified person's opinion is that confirming or denying LIKELIHOOD have this effect.
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the conduct of
              public affairs.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would, in the qualified person's opinion, prejudice the effective conduct of
              public affairs in the way described above.
        """),
        ncnd_balancing=_balance(
            """
            Having accepted the qualified person's opinion, we have weighed the severity and extent of the effect of
            confirming or denying against the public interest in transparency.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Cannot be relied on without the reasonable opinion of the authority's qualified person (for a council
            usually the monitoring officer), obtained before the exemption is claimed and recorded with the
            material they saw. Information held by either House of Parliament is covered absolutely, and for
            government departments section 36 applies only to information not exempt under section 35.
        """),
    ),
    ExemptionText(
        code="s37",
        family="foia",
        section="37",
        provision="37(1)",
        ncnd_provision="37(2)",
        title="Communications with His Majesty and honours",
        absolute=False,
        basis="class",
        why=_t("""
            Section 37(1) exempts information relating to communications with the Sovereign, with other members of
            the Royal Family or with the Royal Household, and information relating to the conferring by the Crown of
            any honour or dignity.

            The information you have asked for relates to [[say which part of section 37(1) applies and describe the
            information in general terms]].
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about the honours system, so that the public can be
              confident that honours are awarded fairly and on merit.
            - There is a public interest in understanding how public authorities engage with the Royal Family and
              the Royal Household.
        """),
        factors_against=_t("""
            - The integrity of the honours system depends on nominations, consultations and assessments remaining
              confidential, so that those who contribute can do so candidly.
            - There is a public interest in protecting the constitutional position and political neutrality of the
              Royal Family, and the privacy of its members.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency about these matters. However, we give greater weight to
            protecting the confidentiality on which the honours system and communications with the Royal Family
            depend.
        """),
        ncnd_why=_t("""
            Section 37(2) removes the duty to confirm or deny whether information is held where the information, if
            held, would be exempt under section 37(1). Confirming or denying whether we hold information of this
            kind would in itself reveal whether [[the nomination, communication or matter concerned]] exists.
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the honours system
              or communications with the Royal Family.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal, for example, whether a person has been nominated for an honour,
              undermining the confidentiality of the honours process.
        """),
        ncnd_balancing=_balance(
            """
            Protecting the confidentiality of the honours system and of communications with the Royal Family
            outweighs the public interest in confirming or denying whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Section 37(1)(a), (aa) and (ab), communications with the Sovereign, the heir to the Throne and the
            person second in line (including those made on their behalf), are absolute, so remove the public
            interest text when relying on them. The other limbs, including honours under section 37(1)(b), are
            qualified.
        """),
    ),
    ExemptionText(
        code="s38",
        family="foia",
        section="38",
        provision="38(1)",
        ncnd_provision="38(2)",
        title="Health and safety",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 38(1) exempts information whose disclosure would, or would be likely to, endanger the physical
            or mental health of any individual, or the safety of any individual.

            The information you have asked for [[describe the information in general terms and whose health or
            safety it concerns, without identifying them]].
        """),
        harm=_harm("""
            The interest protected is the [[physical health / mental health / safety]] of [[the individuals or group
            concerned, described in general terms]].

            Disclosure would reveal [[describe in general terms what the information shows]]. Because disclosure
            under the Act is to the world, this would be available to anyone, and could lead to [[explain the causal
            link, for example the targeting of a location or person]]. The danger would be real, not remote or
            fanciful.

            We consider that disclosure LIKELIHOOD endanger their health or safety, because [[explain the
            likelihood, with any evidence]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about the matters to which the information relates.
            - Disclosure may increase public awareness of risks to health or safety.
        """),
        factors_against=_t("""
            - There is a very strong public interest in protecting the health and safety of individuals.
            - Disclosure could expose people to harm that cannot be undone once the information is public.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency, but it cannot justify a disclosure that would put the
            health or safety of any individual at risk.
        """),
        ncnd_why=_t("""
            Section 38(2) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, endanger the physical or mental health or the safety of any individual.
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal [[what a confirmation or denial would
            reveal]], which could lead to [[explain the causal link]].

            We consider that confirming or denying LIKELIHOOD endanger the health or safety of
            [[the individuals or group concerned]], because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the subject of the
              request.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying could put the health or safety of individuals at risk, and that risk cannot be
              removed once a confirmation or denial is public.
        """),
        ncnd_balancing=_balance(
            """
            Protecting the health and safety of individuals outweighs the public interest in confirming or denying
            whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Endangering mental health means more than causing upset or distress, so look for evidence, ideally from a
            professional, of a real risk. Where the risk is to identifiable individuals, consider section 40(2) as
            well.
        """),
    ),
    ExemptionText(
        code="s39",
        family="foia",
        section="39",
        provision="39(1)",
        ncnd_provision="39(2)",
        title="Environmental information",
        absolute=False,
        basis="class",
        why=_t("""
            Section 39(1) exempts information that we are obliged to make available to the public under the
            Environmental Information Regulations 2004 (the EIR), or would be obliged to make available but for an
            exception in those Regulations.

            The information you have asked for is environmental information, because [[explain how it falls within
            the definition in regulation 2(1) of the EIR, for example as information on a measure or activity
            affecting the elements of the environment]]. We have therefore dealt with your request under the EIR,
            as explained [[below / in our letter of date]].
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in access to environmental information, but that interest is met through the
              separate right of access under the EIR.
        """),
        factors_against=_t("""
            - The EIR provide a specific regime for access to environmental information, with its own exceptions and
              a presumption in favour of disclosure, and it is in the public interest for requests to be dealt with
              under the regime designed for them.
            - Considering the same information under two regimes would risk inconsistent decisions.
        """),
        balancing=_balance("""
            Your request has been considered in full under the EIR, so the public interest in access to the
            information is met through that regime.
        """),
        ncnd_why=_t("""
            Section 39(2) removes the duty under the Act to confirm or deny whether information is held where the
            information, if held, would be environmental information. Whether information is held has instead been
            addressed under the EIR [[below / in our letter of date]].
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held serves the public interest in transparency, but that
              interest is met through the EIR.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying under the Act as well as under the EIR would duplicate the response and risk
              inconsistency.
        """),
        ncnd_balancing=_balance(
            """
            Because the question of whether information is held has been dealt with under the EIR, confirming or
            denying under the Act would serve no additional public interest.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Where the information is environmental, handle the request under the EIR from the start, and cite
            section 39 only to explain why the Act does not apply; the EIR clock, exceptions and review rules then
            govern. Interpret environmental information broadly, and answer any non-environmental parts of a mixed
            request under the Act.
        """),
    ),
    ExemptionText(
        code="s40_1",
        family="foia",
        section="40",
        provision="40(1)",
        ncnd_provision="40(5A)",
        title="Personal information: the applicant's own personal data",
        absolute=True,
        basis="class",
        why=_t("""
            Section 40(1) exempts information that is the personal data of the person making the request. The Act
            is not the right route to such information, because anything disclosed under the Act is disclosed to
            the world. Instead, individuals have a right of access to their own personal data under Article 15 of
            the UK General Data Protection Regulation (the right of subject access).

            [[say whether this part of the request is being dealt with as a subject access request, and anything
            needed to do so, such as proof of identity]] Section 40(1) is an absolute exemption, so there is no
            requirement to consider the public interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 40(5A) provides that the duty to confirm or deny whether information is held does not arise
            where the information, if held, would be the personal data of the person making the request. Whether
            personal data of this kind is held is a matter for the right of subject access under the UK General
            Data Protection Regulation, which includes the right to be told whether personal data is being
            processed. Section 40(5A) is absolute, so there is no requirement to consider the public interest.
        """),
        guidance=_t("""
            One of the few cases where the applicant's identity matters: handle this part as a subject access request
            under Article 15 of the UK GDPR, with its own one calendar month clock, and tell the applicant so. Answer
            any other parts of the request under the Act.
        """),
    ),
    ExemptionText(
        code="s40_2",
        family="foia",
        section="40",
        provision="40(2)",
        ncnd_provision="40(5B)",
        title="Personal information: other people's personal data",
        absolute=True,
        basis="class",
        why=_t("""
            Section 40(2) exempts personal data of which the applicant is not the data subject where disclosure
            would contravene any of the data protection principles in Article 5(1) of the UK General Data
            Protection Regulation. Where this first condition in section 40(3A) applies, the exemption is absolute
            and there is no requirement to consider the public interest.

            The information you have asked for includes personal data, because [[explain how living individuals
            could be identified from it, directly or together with other information]].

            Disclosure would breach the first data protection principle, which requires personal data to be
            processed lawfully, fairly and transparently. The only lawful basis that could apply is legitimate
            interests, under Article 6(1)(f), which requires us to consider:

            - whether there is a legitimate interest in disclosure;
            - whether disclosure is necessary to meet that interest; and
            - whether that interest overrides the interests, rights and freedoms of the individuals concerned.

            Because disclosure under the Act is to the world, we must consider the effect of the information being
            available to anyone. [[explain the outcome of this test, including the individuals' reasonable
            expectations and the likely consequences of disclosure for them]] We have therefore concluded that there
            is no lawful basis for disclosure, and that disclosure would breach the data protection principles.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 40(5B) provides that the duty to confirm or deny whether information is held does not arise
            where confirming or denying would itself contravene any of the data protection principles.

            Confirming or denying whether we hold the information you have asked for would in itself reveal personal
            data about [[the individual concerned, for example whether they have been the subject of a complaint,
            investigation or referral]]. There is no lawful basis under Article 6(1)(f) for making that fact known to
            the world, because [[explain why the individual's interests and reasonable expectations override any
            legitimate interest in a confirmation or denial]]. Confirming or denying would therefore breach the
            first data protection principle. Under section 40(5B)(a)(i) this is absolute, so there is no requirement
            to consider the public interest.
        """),
        guidance=_t("""
            Absolute only where disclosure would breach the data protection principles (usually the Article 6(1)(f)
            lawfulness test); the other conditions, an upheld objection under Article 21 or an exemption from
            subject access rights, are qualified and need a public interest test. Special category and criminal
            offence data can almost never be disclosed under the Act, while information about staff acting in their
            official role, especially senior staff, is often disclosable.
        """),
    ),
    ExemptionText(
        code="s41",
        family="foia",
        section="41",
        provision="41(1)",
        ncnd_provision="41(2)",
        title="Information provided in confidence",
        absolute=True,
        basis="class",
        why=_t("""
            Section 41(1) exempts information that we obtained from any other person, including another public
            authority, where disclosure to the public would constitute a breach of confidence actionable by that
            person or any other person.

            The information you have asked for was provided to us by [[describe the source in general terms]]. It
            has the necessary quality of confidence, being more than trivial and not otherwise available to the
            public, and it was provided in circumstances giving rise to an obligation of confidence, because
            [[explain those circumstances, and any detriment to the confider from disclosure]].

            Although section 41 is an absolute exemption, a breach of confidence is not actionable where there is a
            public interest in disclosure that overrides the duty of confidence. We have considered this and do not
            consider that there is such a public interest here.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 41(2) removes the duty to confirm or deny whether information is held where doing so would, apart
            from the Act, itself constitute an actionable breach of confidence. Confirming or denying whether we hold
            information of the kind described in your request would in itself reveal [[what a confirmation or denial
            would reveal, for example that a person has provided information to us in confidence]]. Section 41 is an
            absolute exemption, so there is no requirement to consider the public interest.
        """),
        guidance=_t("""
            Covers only information obtained from outside the authority, so the authority's own records, and usually
            the terms of contracts it has agreed, are not covered. Check the quality of confidence, the obligation of
            confidence and the detriment, then consider whether a public interest defence would defeat an action for
            breach, which is a presumption in favour of maintaining confidence rather than a normal public interest
            test.
        """),
    ),
    ExemptionText(
        code="s42",
        family="foia",
        section="42",
        provision="42(1)",
        ncnd_provision="42(2)",
        title="Legal professional privilege",
        absolute=False,
        basis="class",
        why=_t("""
            Section 42(1) exempts information in respect of which a claim to legal professional privilege could be
            maintained in legal proceedings.

            The information you have asked for is subject to [[legal advice privilege / litigation privilege]],
            because [[describe the information in general terms, for example confidential advice from a qualified
            lawyer on a named matter]]. The advice has not been made public, so privilege has not been lost. Section
            42 is a class-based exemption, so there is no need to show that disclosure would cause harm, but it is
            subject to the public interest test.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about the legal basis on which public authorities make
              decisions, and in accountability for those decisions.
            - The public interest is greater where a decision affects many people or involves significant public
              money.
        """),
        factors_against=_t("""
            - There is a strong public interest, built into the exemption, in protecting the confidentiality of
              communications between lawyers and their clients, which is a fundamental principle of justice.
            - Public authorities must be able to seek and receive full and frank legal advice, so that they act
              lawfully and make well-informed decisions.
            - Disclosure could weaken the authority's position in any current or future legal proceedings, at a cost
              to the public purse.
        """),
        balancing=_balance("""
            The strong public interest in maintaining legal professional privilege will be outweighed only by
            factors of equal weight, such as a significant lack of transparency or evidence of misrepresentation.
            [[say whether the advice is still live, and whether there are any such factors here]] We have not
            found factors strong enough to outweigh the public interest in protecting privileged advice.
        """),
        ncnd_why=_t("""
            Section 42(2) removes the duty to confirm or deny whether information is held where doing so would
            involve the disclosure of information in respect of which a claim to legal professional privilege could
            be maintained in legal proceedings. Confirming or denying whether we hold information of this kind would
            in itself reveal whether we have sought or received legal advice on [[the matter concerned]].
        """),
        ncnd_harm="",
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about how the authority
              has approached the matter concerned.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal whether legal advice has been sought on a particular matter, which
              could indicate the authority's legal position or concerns to others, including any opponent in
              litigation.
        """),
        ncnd_balancing=_balance(
            """
            The strong public interest in protecting legal professional privilege extends to whether advice has been
            sought, and outweighs the public interest in confirming or denying whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Legal advice privilege covers confidential communications with a lawyer acting in a professional
            capacity for the main purpose of giving or obtaining legal advice; litigation privilege covers material
            whose dominant purpose is actual or reasonably contemplated litigation. The inbuilt public interest is
            strong but not absolute, and privilege is lost if the advice has been disclosed to the world.
        """),
    ),
    ExemptionText(
        code="s43_1",
        family="foia",
        section="43",
        provision="43(1)",
        ncnd_provision="",
        title="Trade secrets",
        absolute=False,
        basis="class",
        why=_t("""
            Section 43(1) exempts information that constitutes a trade secret.

            The information you have asked for is a trade secret belonging to [[the owner of the secret]], because
            [[explain why: it is used for the purposes of a trade, it is not generally known, its owner takes steps
            to keep it confidential, and its release would cause the owner real harm]]. Section 43(1) is a
            class-based exemption, so there is no need to show that disclosure would cause harm, but it is subject
            to the public interest test.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about the goods and services that public authorities buy
              and the way public money is spent on them.
            - Disclosure would help the public to judge whether public authorities obtain value for money.
        """),
        factors_against=_t("""
            - There is a public interest in protecting trade secrets, which are valuable assets whose worth depends on
              their remaining secret.
            - Disclosure could damage the owner's competitive position, and discourage businesses from working with
              public authorities or sharing information with them.
        """),
        balancing=_balance("""
            We recognise the public interest in transparency about public spending. However, that interest can be
            met largely without revealing the trade secret, and disclosure would cause lasting harm to its owner.
        """),
        guidance=_t("""
            A trade secret is narrower than commercially sensitive information, so if in doubt use section 43(2),
            and consult the owner of the secret. There is no neither confirm nor deny provision for section 43(1);
            where confirming or denying would be harmful, consider section 43(3) with section 43(2).
        """),
    ),
    ExemptionText(
        code="s43_2",
        family="foia",
        section="43",
        provision="43(2)",
        ncnd_provision="43(3)",
        title="Commercial interests",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Section 43(2) exempts information whose disclosure would, or would be likely to, prejudice the commercial
            interests of any person, including the public authority holding it.

            The information you have asked for [[describe the information in general terms and whose commercial
            interests it concerns]].
        """),
        harm=_harm("""
            The interest protected is the commercial interests of [[the authority / the third party, described in
            general terms]], which [[describe the commercial activity, for example competing for contracts]].

            Disclosure would reveal [[describe in general terms what the information shows, for example pricing or
            the terms of a contract]]. Competitors could use this to [[explain the causal link, for example to
            undercut prices in future tenders]]. [[Where the interests are a third party's, summarise the views they
            gave when consulted]] The harm would be real and of substance.

            We consider that disclosure LIKELIHOOD prejudice those commercial interests, because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in transparency about how public money is spent, and in showing that public
              authorities obtain value for money.
            - Disclosure would promote accountability in procurement and contract management, and may encourage
              competition.
        """),
        factors_against=_t("""
            - There is a public interest in protecting the ability of businesses, and of public authorities, to
              compete fairly.
            - Disclosure could weaken the authority's position in future negotiations and so reduce value for money
              for the public.
            - Businesses may be less willing to work with public authorities if commercially sensitive information is
              likely to be disclosed.
        """),
        balancing=_balance("""
            The weight of the public interest in protecting commercial interests depends on how sensitive the
            information remains. [[say whether any procurement or negotiation is still live, and how that affects
            the balance]]
        """),
        ncnd_why=_t("""
            Section 43(3) removes the duty to confirm or deny whether information is held where doing so would, or
            would be likely to, prejudice the commercial interests of any person.
            [[explain why confirming or denying would itself be revealing, in words that hold good whether or not
            information is held]]
        """),
        ncnd_harm=_harm("""
            Confirming or denying whether information is held would reveal whether [[the commercial relationship,
            negotiation or bid concerned]] exists, which competitors could use to [[explain the causal link]].

            We consider that confirming or denying LIKELIHOOD prejudice the commercial interests of [[the person
            concerned]], because [[explain the likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the authority's
              commercial dealings.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal commercially sensitive facts, such as whether negotiations are taking
              place, to competitors and others.
        """),
        ncnd_balancing=_balance(
            """
            The commercial harm that a confirmation or denial would risk outweighs the public interest in confirming
            or denying whether information is held.
            """,
            _NCND_CONCLUSION,
        ),
        guidance=_t("""
            Where the harm is to a third party's commercial interests, base the argument on evidence from that third
            party, not speculation, and consult them early. Information about public spending, contract prices and
            performance is often disclosable, particularly once a procurement has concluded.
        """),
    ),
    ExemptionText(
        code="s44",
        family="foia",
        section="44",
        provision="44(1)",
        ncnd_provision="44(2)",
        title="Prohibitions on disclosure",
        absolute=True,
        basis="class",
        why=_t("""
            Section 44(1) exempts information whose disclosure, otherwise than under the Act, is prohibited by or
            under any enactment, or would constitute or be punishable as a contempt of court.

            Disclosure of the information you have asked for is prohibited by [[name the enactment and section, or
            the court order, and explain how it applies]]. Section 44 is an absolute exemption, so there is no
            requirement to consider the public interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 44(2) removes the duty to confirm or deny whether information is held where doing so would itself
            disclose information that is prohibited from disclosure by [[name the enactment and section, or the
            court order]], or would be a contempt of court. Section 44 is an absolute exemption, so there is no
            requirement to consider the public interest.
        """),
        guidance=_t("""
            Cite the exact enactment and section, and check that it prohibits disclosure to the public rather than
            merely restricting it, including any gateways that would allow disclosure. For personal data use
            section 40, not section 44.
        """),
    ),
    # ---------------------------------------------------------------- procedural refusals (FOIA s12, s14)
    ExemptionText(
        code="s12",
        family="procedural",
        section="12",
        provision="12(1)",
        ncnd_provision="12(2)",
        title="Cost of compliance exceeds the appropriate limit",
        absolute=True,
        basis="class",
        why=_t("""
            Section 12(1) of the Act means that we are not obliged to comply with a request where we estimate that
            the cost of complying would exceed the appropriate limit. The limit that applies to us is {cost_limit},
            set by the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004.
            Staff time is calculated at {hourly_rate} per hour, so the limit is reached after {cost_limit_hours}
            hours of work.

            In making the estimate we may take account only of the time needed to:

            - determine whether we hold the information;
            - locate the information, or a document containing it;
            - retrieve the information, or a document containing it; and
            - extract the information from a document containing it.

            We may not include the time it would take to consider whether any information is exempt, or to redact
            it.

            Where two or more requests for the same or similar information are made by one person, or by different
            people who appear to be acting together or in pursuance of a campaign, within any period of 60
            consecutive working days, the costs of complying with them may be added together.

            We estimate that complying with your request would take {cost_hours} hours, at a cost of {cost_total},
            which exceeds the appropriate limit. Section 12 is not an exemption, so there is no requirement to
            consider the public interest.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Section 12(2) means that we are not obliged to confirm or deny whether we hold the information where the
            cost of finding out whether it is held would, on its own, exceed the appropriate limit of {cost_limit}.
            We estimate that establishing whether the information is held would take {cost_hours} hours, at a cost
            of {cost_total}, because [[explain why, for example the number of files or records that would have to
            be checked]].
        """),
        guidance=_t("""
            The estimate must be reasonable and based on evidence such as a sampling exercise, and may include only
            the four permitted activities, never time spent considering exemptions or redacting. If the requests have
            been aggregated, say which ones, and always give section 16 advice on narrowing the request.
        """),
    ),
    ExemptionText(
        code="s14_1",
        family="procedural",
        section="14",
        provision="14(1)",
        ncnd_provision="",
        title="Vexatious request",
        absolute=True,
        basis="class",
        why=_t("""
            Section 14(1) provides that we are not obliged to comply with a request for information if the request
            is vexatious. This is not an exemption: where it applies we are not required to confirm or deny whether
            information is held, or to consider the public interest.

            In deciding whether a request is vexatious, we consider whether it is likely to cause a disproportionate
            or unjustified level of disruption, irritation or distress, weighing the burden on the authority against
            the purpose and value of the request. [[set out the reasons, for example the burden of compliance, the
            context and history of the request, and its value or serious purpose]]
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        guidance=_t("""
            The test concerns the request, not the person making it, although the context and history of previous
            dealings may be relevant; follow the approach in Dransfield and keep the evidence. Where the burden is
            purely one of cost and can be estimated within the four permitted activities, use section 12 instead,
            reserving section 14(1) for grossly oppressive burdens such as very extensive redaction.
        """),
    ),
    ExemptionText(
        code="s14_2",
        family="procedural",
        section="14",
        provision="14(2)",
        ncnd_provision="",
        title="Repeated request",
        absolute=True,
        basis="class",
        why=_t("""
            Section 14(2) provides that where we have complied with a request for information, we are not obliged to
            comply with a later identical or substantially similar request from the same person unless a reasonable
            interval has passed between our compliance with the earlier request and the making of the later one.
            This is not an exemption, so there is no requirement to consider the public interest.

            This request is identical or substantially similar to [[give the reference and date of the earlier
            request and of our response]], and a reasonable interval has not passed because [[explain why, for
            example that the information has not changed since]].
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        guidance=_t("""
            Applies only where the earlier request came from the same person and was complied with, meaning the
            information was provided or the authority said it was not held; where the earlier request was refused
            under an exemption, rely on that exemption again. What counts as a reasonable interval depends on how
            often the information changes.
        """),
    ),
    # ---------------------------------------------------------------- EIR exceptions (regulations 12 and 13)
    ExemptionText(
        code="eir_12_4_a",
        family="eir",
        section="12(4)(a)",
        provision="12(4)(a)",
        ncnd_provision="",
        title="Information not held",
        absolute=False,
        basis="class",
        why=_t("""
            Regulation 12(4)(a) provides an exception to the duty to make environmental information available where
            the information is not held when the request is received. We do not hold the information you have asked
            for.

            [[describe the searches made: the teams, systems and search terms used, and why any relevant information
            would be expected to be found there]]
        """),
        harm="",
        factors_for=_t("""
            - There is a general public interest in access to environmental information and in transparency about
              the work of public authorities.
        """),
        factors_against=_t("""
            - Information that is not held cannot be made available, so no other response could serve the public
              interest in disclosure.
            - The EIR do not require a public authority to create new information in order to answer a request.
        """),
        balancing=_t("""
            We have applied the presumption in favour of disclosure in regulation 12(2). However, as the information
            is not held, there is no information to which the presumption could apply, and no public interest would
            be served by any other response.

            We have therefore concluded that the exception applies and that the public interest does not require any
            different response.
        """),
        guidance=_t("""
            Under the EIR, not holding the information is itself an exception and must be cited in a refusal notice
            under regulation 14; the standard is the balance of probabilities, so record the searches made. If
            another authority is believed to hold the information, transfer the request or tell the applicant under
            regulation 10.
        """),
    ),
    ExemptionText(
        code="eir_12_4_b",
        family="eir",
        section="12(4)(b)",
        provision="12(4)(b)",
        ncnd_provision="",
        title="Manifestly unreasonable requests",
        absolute=False,
        basis="class",
        why=_t("""
            Regulation 12(4)(b) provides an exception where a request is manifestly unreasonable. This can apply
            where a request is vexatious, or where complying with it would impose a burden on the authority that is
            grossly disproportionate to the value of the request.

            We consider this request to be manifestly unreasonable because [[explain the reasons: for a burden-based
            refusal, the estimated time and cost and how they were calculated; otherwise why the request is
            vexatious]].
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in access to environmental information, so that the public can take part in
              decision-making and hold public authorities to account.
            - The information concerned would add to public understanding of [[the environmental matter concerned]].
        """),
        factors_against=_t("""
            - There is a public interest in protecting public authorities from requests that would impose a
              disproportionate burden on their resources.
            - Complying would divert staff from their other work, including responding to other requests for
              information, to the detriment of the wider public.
            - The burden of complying would be out of proportion to the value of the information to the public.
        """),
        balancing=_eir_balance("""
            We recognise the value of access to environmental information. However, the burden of complying with
            this request would be out of proportion to that value, and would draw resources away from our other
            functions.
        """),
        guidance=_t("""
            The EIR have no cost limit, but the section 12 limits (18 or 24 hours) are a useful guide, and the
            estimate may take account of wider costs than the four section 12 activities. Unlike sections 12 and 14,
            the exception is subject to the public interest test with a presumption in favour of disclosure, and
            advice and assistance must be offered under regulation 9.
        """),
    ),
    ExemptionText(
        code="eir_12_4_c",
        family="eir",
        section="12(4)(c)",
        provision="12(4)(c)",
        ncnd_provision="",
        title="Requests formulated in too general a manner",
        absolute=False,
        basis="class",
        why=_t("""
            Regulation 12(4)(c) provides an exception where a request is formulated in too general a manner and the
            authority has complied with its duty under regulation 9 to provide advice and assistance.

            On [[date]] we asked you to provide more particulars of your request, explaining that [[say what was
            unclear and what further detail was needed]]. [[say whether no reply was received, or why the reply did
            not allow the information to be identified]] As a result, we are still unable to identify the
            information you want.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in access to environmental information and in transparency about the work
              of public authorities.
        """),
        factors_against=_t("""
            - Without a clearer request, we cannot identify the information sought, and any attempt to guess would
              be unlikely to meet the public interest in disclosure.
            - Attempting to answer an unclear request could divert resources from other requests without producing
              the information wanted.
        """),
        balancing=_eir_balance("""
            Until the information wanted can be identified, there is no practical way for us to make it available,
            and we remain willing to help you to frame a clearer request.
        """),
        guidance=_t("""
            Use only after asking for more particulars and offering help under regulation 9, which must be done
            within 20 working days of receipt; the 20 working days then run again from receipt of the particulars.
            The exception is about a request being unclear, not about it being too large, which is a matter for
            regulation 12(4)(b).
        """),
    ),
    ExemptionText(
        code="eir_12_4_d",
        family="eir",
        section="12(4)(d)",
        provision="12(4)(d)",
        ncnd_provision="",
        title="Material in the course of completion, unfinished documents and incomplete data",
        absolute=False,
        basis="class",
        why=_t("""
            Regulation 12(4)(d) provides an exception where a request relates to material which is still in the
            course of completion, to unfinished documents or to incomplete data.

            The information you have asked for [[describe the material and why it is unfinished or incomplete]]. As
            regulation 14(4) requires, we can tell you that [[name any other public authority preparing the material,
            and when it is expected to be finished, if known]].
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in access to environmental information, which helps the public to take part
              in decision-making at an early stage.
            - Disclosure would increase transparency about the work being carried out and how public money is spent
              on it.
        """),
        factors_against=_t("""
            - Public authorities need a safe space to develop ideas, test options and revise drafts before they are
              finalised.
            - Unfinished or incomplete material may be inaccurate or misleading, and explaining it would divert
              resources from completing the work.
            - The public interest will be better served when the completed material is available.
        """),
        balancing=_eir_balance("""
            We recognise the value of early access to environmental information. However, the material is not yet
            complete, and its release now would risk misleading the public and undermining the work needed to
            finish it. [[say when the final material is expected to be published, if known]]
        """),
        guidance=_t("""
            A draft remains an unfinished document even after the final version is complete, but the public interest
            in withholding it usually weakens once the final version has been published. Regulation 14(4) requires
            the refusal to name any other authority preparing the material and the estimated completion time, if
            known.
        """),
    ),
    ExemptionText(
        code="eir_12_4_e",
        family="eir",
        section="12(4)(e)",
        provision="12(4)(e)",
        ncnd_provision="",
        title="Internal communications",
        absolute=False,
        basis="class",
        why=_t("""
            Regulation 12(4)(e) provides an exception for internal communications. Under regulation 12(8), this
            includes communications between government departments.

            The information you have asked for consists of [[describe the communications in general terms, for
            example emails between officers about a named matter]], which were not shared outside {authority}.
        """),
        harm="",
        factors_for=_t("""
            - There is a public interest in transparency about how public authorities reach decisions that affect the
              environment.
            - Disclosure would allow the public to understand and scrutinise the views and options considered, and
              would increase accountability.
        """),
        factors_against=_t("""
            - Officers need a safe space in which to discuss issues and options candidly before decisions are taken.
            - Disclosure could discourage frank internal discussion in future, leading to poorer decision-making.
        """),
        balancing=_eir_balance("""
            The weight of these arguments depends on the content of the communications and on when the request was
            made. [[say whether the matter discussed was still live when the request was received, and how that
            affects the balance]]
        """),
        guidance=_t("""
            Although the exception is class-based, the public interest arguments must relate to the content and
            timing of the particular communications, usually safe space or chilling effect. Communications sent to
            or received from third parties, such as consultants or other authorities, are not normally internal.
        """),
    ),
    ExemptionText(
        code="eir_12_5_a",
        family="eir",
        section="12(5)(a)",
        provision="12(5)(a)",
        ncnd_provision="12(6)",
        title="International relations, defence, national security or public safety",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(a) provides an exception where disclosure would adversely affect international
            relations, defence, national security or public safety.

            The information you have asked for [[describe the information in general terms and which of these
            interests it relates to]].
        """),
        harm=_t("""
            The interest affected is [[international relations / defence / national security / public safety]].

            Disclosure would reveal [[describe in general terms what the information shows]]. Because disclosure
            under the EIR is to the world, this would [[explain the causal link between disclosure and the adverse
            effect]]. The effect would be real and of substance.

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that
            the effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood, with any evidence]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information and in transparency about how public
              authorities protect the public.
            - Disclosure would help the public to understand, and to scrutinise, the arrangements concerned.
        """),
        factors_against=_t("""
            - There is a very strong public interest in protecting national security, defence, international
              relations and public safety.
            - Disclosure could assist those who would wish to cause harm, putting the public at risk.
        """),
        balancing=_eir_balance("""
            We recognise the public interest in access to environmental information. However, disclosure would
            adversely affect interests that protect the public as a whole, and we give that very considerable weight.
        """),
        ncnd_why=_t("""
            Regulation 12(6) allows a public authority to neither confirm nor deny whether information exists and is
            held, whether or not it holds such information, where confirming or denying would involve the disclosure
            of information that would adversely affect any of the interests in regulation 12(5)(a), and would not be
            in the public interest. [[explain why confirming or denying would itself be revealing, in words that hold
            good whether or not information is held]]
        """),
        ncnd_harm=_t("""
            Confirming or denying whether information is held would reveal whether [[the arrangement, capability or
            activity concerned]] exists. That fact could be used, together with other information, to
            [[explain the causal link]], which would adversely affect [[the interest concerned]].

            Under the EIR the threshold is that confirming or denying would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        ncnd_factors_for=_t("""
            - Confirming or denying whether information is held would increase transparency about the arrangements
              made to protect the public and the environment.
        """),
        ncnd_factors_against=_t("""
            - Confirming or denying would reveal information of use to those who would wish to cause harm, to the
              detriment of public safety or national security.
            - A confirmation or denial, combined with replies from other authorities, could reveal where protective
              arrangements are or are not in place.
        """),
        ncnd_balancing=_t("""
            A confirmation or denial would adversely affect interests that protect the public as a whole, and the
            public interest in transparency does not outweigh that. In reaching this view we have applied the
            presumption in favour of disclosure in regulation 12(2), which applies equally to confirming or denying
            whether information is held.

            We have therefore concluded that, in all the circumstances, the public interest in neither confirming nor
            denying outweighs the public interest in confirming or denying whether the information is held.
        """),
        guidance=_t("""
            The EIR threshold is higher than under the Act: the adverse effect must be more probable than not, and
            "would be likely to" is not enough. Regulation 12(6) is the only neither confirm nor deny provision in
            the EIR apart from personal data, and it is available only for the interests in regulation 12(5)(a).
        """),
    ),
    ExemptionText(
        code="eir_12_5_b",
        family="eir",
        section="12(5)(b)",
        provision="12(5)(b)",
        ncnd_provision="",
        title="The course of justice and inquiries",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(b) provides an exception where disclosure would adversely affect the course of justice,
            the ability of a person to receive a fair trial, or the ability of a public authority to conduct an
            inquiry of a criminal or disciplinary nature. The course of justice is a broad concept, which includes
            legal professional privilege and the conduct of investigations and proceedings.

            The information you have asked for [[describe the information in general terms and which of these
            interests it relates to]].
        """),
        harm=_t("""
            The interest affected is [[the course of justice / a fair trial / the conduct of an inquiry of a criminal
            or disciplinary nature]].

            Disclosure would reveal [[describe in general terms what the information shows]], and this would
            [[explain the causal link, for example by revealing privileged legal advice or prejudicing a live
            investigation]]. The effect would be real and of substance.

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information, and in transparency and
              accountability for decisions and enforcement action that affect the environment.
        """),
        factors_against=_t("""
            - There is a strong public interest in the proper administration of justice, including the
              confidentiality of legal advice and the integrity of investigations and proceedings.
            - Disclosure could prejudice a fair hearing, or the authority's ability to investigate and enforce the
              law effectively.
        """),
        balancing=_eir_balance("""
            We recognise the public interest in transparency. However, the adverse effect on the course of justice
            that we have identified carries significant weight, and where legal professional privilege is
            concerned there is a strong inbuilt public interest in maintaining it.
        """),
        guidance=_t("""
            The EIR counterpart of sections 30, 31 and 42 of the Act: privileged legal advice falls here, and the
            strong inbuilt public interest in privilege still applies. The adverse effect must be more probable than
            not.
        """),
    ),
    ExemptionText(
        code="eir_12_5_c",
        family="eir",
        section="12(5)(c)",
        provision="12(5)(c)",
        ncnd_provision="",
        title="Intellectual property rights",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(c) provides an exception where disclosure would adversely affect intellectual property
            rights.

            The information you have asked for is protected by [[identify the right, for example copyright or
            database right, and who holds it]].
        """),
        harm=_t("""
            The interest affected is the intellectual property rights of [[the rights holder]].

            Disclosure would make the protected material freely available to anyone, which would [[explain the
            causal link, for example a loss of licensing income or of control over the material]]. This harm would
            go beyond the mere fact of disclosure and would be real and of substance.

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information, and in transparency about the
              information on which public authorities rely.
        """),
        factors_against=_t("""
            - There is a public interest in protecting intellectual property, which encourages investment in creating
              and maintaining valuable information.
            - Disclosure could cause financial loss to the rights holder and discourage the supply of such material
              to public authorities.
        """),
        balancing=_eir_balance("""
            We recognise the value of the information to the public. However, the harm to the rights holder would be
            significant, and would not be justified by the limited additional public benefit of disclosure.
        """),
        guidance=_t("""
            Show that the information is protected by an intellectual property right and that disclosure would cause
            real harm to the rights holder, not merely that copyright exists. Disclosure does not transfer the right,
            so the holder can still act against infringing re-use.
        """),
    ),
    ExemptionText(
        code="eir_12_5_d",
        family="eir",
        section="12(5)(d)",
        provision="12(5)(d)",
        ncnd_provision="",
        title="Confidentiality of proceedings",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(d) provides an exception where disclosure would adversely affect the confidentiality of
            the proceedings of that or any other public authority, where that confidentiality is provided by law.

            The information you have asked for relates to [[identify the proceedings, for example a formal meeting or
            deliberation, and the source of their confidentiality in statute or common law]].
        """),
        harm=_t("""
            The interest affected is the confidentiality of [[the proceedings concerned]].

            Disclosure would reveal [[describe in general terms what the information shows]], which would breach that
            confidentiality and [[explain the causal link, for example by deterring frank participation in future
            proceedings]].

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information and in transparency about how public
              authorities reach decisions.
        """),
        factors_against=_t("""
            - There is a public interest in maintaining confidentiality that the law provides for, so that
              proceedings can be conducted effectively.
            - Those taking part need to be confident that confidential proceedings will remain so.
        """),
        balancing=_eir_balance("""
            We recognise the public interest in transparency about decision-making. However, the law provides for
            these proceedings to be confidential, and disclosure would undermine that protection.
        """),
        guidance=_t("""
            "Proceedings" means formal meetings or deliberative processes, not all of an authority's business, and
            the confidentiality must come from statute or common law. Regulation 12(9) prevents this exception from
            being used for information on emissions.
        """),
    ),
    ExemptionText(
        code="eir_12_5_e",
        family="eir",
        section="12(5)(e)",
        provision="12(5)(e)",
        ncnd_provision="",
        title="Confidentiality of commercial or industrial information",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(e) provides an exception where disclosure would adversely affect the confidentiality of
            commercial or industrial information, where that confidentiality is provided by law to protect a
            legitimate economic interest.

            The information you have asked for is commercial or industrial in nature and subject to confidentiality
            provided by law, because [[describe the information and the source of confidentiality, for example a
            contractual term or the common law of confidence]].
        """),
        harm=_t("""
            The confidentiality protects the legitimate economic interests of [[the authority / the third party,
            described in general terms]].

            Disclosure would reveal [[describe in general terms what the information shows]], which would
            [[explain the causal link, for example by allowing competitors to undercut prices]]. [[where the
            interests are a third party's, summarise the views they gave when consulted]]

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information, and in transparency about how
              public money is spent and whether it achieves value for money.
        """),
        factors_against=_t("""
            - There is a public interest in protecting confidential commercial information, so that businesses and
              public authorities can compete fairly.
            - Disclosure could weaken negotiating positions and discourage businesses from working with public
              authorities, reducing value for money.
        """),
        balancing=_eir_balance("""
            We recognise the public interest in transparency about public spending. However, disclosure would harm
            legitimate economic interests that the law protects, and the information would add little to public
            understanding of the environmental issues concerned.
        """),
        guidance=_t("""
            Apply the four-part test: commercial or industrial information, confidentiality provided by law, a
            legitimate economic interest, and an adverse effect on that confidentiality by disclosure; a third
            party's harm must be evidenced by that third party. Regulation 12(9) prevents this exception from being
            used for information on emissions.
        """),
    ),
    ExemptionText(
        code="eir_12_5_f",
        family="eir",
        section="12(5)(f)",
        provision="12(5)(f)",
        ncnd_provision="",
        title="Interests of the person who provided the information",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(f) provides an exception where disclosure would adversely affect the interests of the
            person who provided the information, where that person:

            - was not under, and could not have been put under, any legal obligation to supply it to us or to any
              other public authority;
            - did not supply it in circumstances such that we or any other public authority are entitled, apart from
              the EIR, to disclose it; and
            - has not consented to its disclosure.

            The information you have asked for was provided voluntarily by [[describe the provider in general terms,
            and explain why each condition is met]].
        """),
        harm=_t("""
            The interest affected is that of [[the provider, described in general terms]].

            Disclosure would reveal [[describe in general terms what the information shows]], which would
            [[explain the causal link and how the provider's interests would be harmed]].

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information and in transparency about the
              information on which public authorities rely.
        """),
        factors_against=_t("""
            - Public authorities rely on information provided voluntarily, and there is a strong public interest in
              not discouraging people from providing it.
            - Disclosure against the provider's wishes would harm their interests and could reduce the quality of
              information available to public authorities in future.
        """),
        balancing=_eir_balance("""
            We recognise the public interest in transparency. However, we give significant weight to protecting the
            voluntary supply of information, on which our work depends.
        """),
        guidance=_t("""
            Intended to protect the voluntary supply of information, for example by landowners or businesses, so
            ask the provider whether they consent before refusing. Regulation 12(9) prevents this exception from
            being used for information on emissions.
        """),
    ),
    ExemptionText(
        code="eir_12_5_g",
        family="eir",
        section="12(5)(g)",
        provision="12(5)(g)",
        ncnd_provision="",
        title="Protection of the environment",
        absolute=False,
        basis="prejudice",
        why=_t("""
            Regulation 12(5)(g) provides an exception where disclosure would adversely affect the protection of the
            environment to which the information relates.

            The information you have asked for [[describe the information and the part of the environment it
            relates to, for example the location of a protected species or habitat]].
        """),
        harm=_t("""
            The interest affected is the protection of [[the species, habitat or site concerned]].

            Disclosure would make [[describe what would become known, for example the location of the site]]
            available to anyone, which would [[explain the causal link, for example by exposing the site to
            disturbance, damage or theft]].

            Under the EIR the exception applies only where disclosure would have an adverse effect, meaning that the
            effect is more probable than not. We are satisfied that this is the case because [[explain the
            likelihood]].
        """),
        factors_for=_t("""
            - There is a public interest in access to environmental information, which helps the public to
              understand and take part in protecting the environment.
        """),
        factors_against=_t("""
            - There is a strong public interest in protecting the environment, including vulnerable species and
              habitats, from harm that may be irreversible.
        """),
        balancing=_eir_balance("""
            We recognise the value of public access to environmental information. However, disclosure would
            adversely affect the very environment to which the information relates, and that harm could not be
            undone.
        """),
        guidance=_t("""
            Typical examples are the locations of rare or vulnerable species, nesting sites or habitats at risk of
            disturbance or collection. Regulation 12(9) prevents this exception from being used for information on
            emissions.
        """),
    ),
    ExemptionText(
        code="eir_13",
        family="eir",
        section="13",
        provision="13(1)",
        ncnd_provision="13(5A)",
        title="Personal data",
        absolute=True,
        basis="class",
        why=_t("""
            Regulation 13(1) provides that personal data of which the applicant is not the data subject must not be
            disclosed where disclosure would contravene any of the data protection principles in Article 5(1) of the
            UK General Data Protection Regulation. Where this first condition applies, the exception is not subject
            to the public interest test.

            The information you have asked for includes personal data, because [[explain how living individuals
            could be identified from it, directly or together with other information]].

            Disclosure would breach the first data protection principle, which requires personal data to be
            processed lawfully, fairly and transparently. The only lawful basis that could apply is legitimate
            interests, under Article 6(1)(f), which requires us to consider:

            - whether there is a legitimate interest in disclosure;
            - whether disclosure is necessary to meet that interest; and
            - whether that interest overrides the interests, rights and freedoms of the individuals concerned.

            Because disclosure under the EIR is to the world, we must consider the effect of the information being
            available to anyone. [[explain the outcome of this test, including the individuals' reasonable
            expectations and the likely consequences of disclosure for them]] We have therefore concluded that there
            is no lawful basis for disclosure, and that disclosure would breach the data protection principles.
        """),
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
        ncnd_why=_t("""
            Regulation 13(5A) allows a public authority to neither confirm nor deny whether information exists and
            is held where confirming or denying would itself contravene any of the data protection principles.

            Confirming or denying whether we hold the information you have asked for would in itself reveal personal
            data about [[the individual concerned, for example whether they have been the subject of a complaint or
            enforcement action]]. There is no lawful basis under Article 6(1)(f) for making that fact known to the
            world, because [[explain why the individual's interests and reasonable expectations override any
            legitimate interest in a confirmation or denial]]. Confirming or denying would therefore breach the
            first data protection principle, and the public interest test does not apply.
        """),
        guidance=_t("""
            The applicant's own personal data is outside the EIR (regulation 5(3)) and should be handled as a
            subject access request. As with section 40(2), the first condition is absolute, while the second and
            third conditions are subject to the public interest test.
        """),
    ),
]

PARAGRAPHS: list[ParagraphText] = [
    ParagraphText(
        code="intro",
        title="Opening",
        body=_t("""
            I am writing about your request for information, which {authority} received on {received_date} and
            which we have dealt with under the {act}. You asked for the following:
        """),
        guidance="Quote the request in full immediately after this paragraph, exactly as it was received.",
    ),
    ParagraphText(
        code="review_intro",
        title="Opening of an internal review's outcome",
        body=_t("""
            Thank you for your request for an internal review, which {authority} received on {received_date}. We
            have dealt with it under the {act}. You told us:
        """),
        guidance="Quote the requester's reasons for asking for the review immediately after this paragraph.",
    ),
    ParagraphText(
        code="applicant_blind",
        title="Requests are handled without regard to who asks",
        body=_t("""
            Under the {act}, every request must be dealt with in the same way, whoever has made it and for whatever
            reason. Anything we disclose in response to a request is treated as disclosed to the world at large, not
            just to the person who asked for it, and may be used or published by anyone.
        """),
        guidance="Do not use for subject access requests, which are about the requester's own personal data.",
    ),
    ParagraphText(
        code="acknowledgement",
        title="Acknowledgement of a request",
        body=_t("""
            Thank you for your request for information, which {authority} received on {received_date}. Our reference
            is {references}; please quote it in any correspondence about this request.

            We will respond promptly, and in any event by {due_date}. This date is 20 working days after the day on
            which we received your request, counting from the first working day after receipt. Weekends, Christmas
            Day, Good Friday and bank holidays in any part of the United Kingdom are not working days.

            If we need you to clarify your request, the 20 working days will start again from the day we receive
            your clarification. If a fee is payable, we will send you a fees notice, and the days from the date of
            the notice until the day we receive payment will not count towards the 20 working days. If we need more
            time to consider the public interest, we will write to you by {due_date} to explain why and to give an
            estimated date for our decision.
        """),
        guidance=_t("""
            For EIR requests, the only extension is under regulation 7 for complex and voluminous requests, so
            replace the last sentence of the final paragraph.
        """),
    ),
    ParagraphText(
        code="clarification_request",
        title="Request for clarification",
        body=_t("""
            We need some further information before we can deal with your request. Under section 1(3) of the {act},
            we are not obliged to comply with a request until we have the information we reasonably need to identify
            and locate what has been asked for. [[explain what is unclear and what further detail is needed]]

            We also have a duty under section 16 to provide advice and assistance. To help you,
            [[suggest how the request could be framed, for example by giving a time period, a team or a type of
            document]].

            When we receive your clarification, the 20 working days we have to respond will start again from that
            day. If we do not hear from you within three months of the date of this letter, we will assume that you
            no longer wish to pursue the request and will close it.
        """),
        guidance=_t("""
            Send this as soon as possible; for EIR requests it must be sent within 20 working days and should cite
            regulation 9 instead of sections 1(3) and 16. Ask only for what you need to identify the information,
            never for the reasons for the request.
        """),
    ),
    ParagraphText(
        code="fees_notice",
        title="Fees notice",
        body=_t("""
            This letter is a fees notice under section 9 of the {act}. A fee of {fee_amount} is payable before we can
            comply with your request. [[explain how the fee is made up, for example photocopying and postage]]

            We are not obliged to comply with your request unless the fee is paid within three months of the date of
            this notice, that is by {fee_due_by}. The working days from the date of this notice until the day we
            receive payment do not count towards the 20 working days we have to respond.

            [[explain how to pay, for example the methods accepted and the payee]] Please quote {references} with
            your payment. If we have not received the fee by {fee_due_by}, we will close your request.
        """),
        guidance=_t("""
            The notice must be given within the 20 working days, and only disbursements such as copying and postage
            may be charged for a request within the cost limit. For requests over the limit that you choose to answer,
            section 13 and the Fees Regulations apply.
        """),
    ),
    ParagraphText(
        code="pit_extension",
        title="Extension to consider the public interest",
        body=_t("""
            I am writing to let you know that we need more time to respond to your request.

            We consider that your request falls within {exemptions}. [[briefly explain why the exemption applies,
            unless doing so would itself reveal exempt information]] Where an exemption is qualified, we must also
            decide whether the public interest in maintaining it outweighs the public interest in disclosure, and
            section 10(3) of the {act} allows a reasonable extension of time to do so.

            We have not yet reached a decision on the balance of the public interest. We estimate that we will reach
            a decision, and send you our full response, by {estimated_date}. If we cannot meet that date, we will
            write to you again to explain why.

            This letter is a refusal notice for the purposes of section 17(2) of the {act}.
        """),
        guidance=_t("""
            Must be sent within the first 20 working days and name each qualified exemption relied on. The
            Commissioner expects no more than 20 further working days in total, so avoid chained extensions.
        """),
    ),
    ParagraphText(
        code="full_disclosure",
        title="Information provided in full",
        body=_t("""
            I can confirm that we hold the information you have asked for, and it is provided [[below / in the
            attached document]].
        """),
        guidance=_t("""
            Check attachments for hidden rows, sheets, comments and metadata before sending, as the response may be
            published in the disclosure log.
        """),
    ),
    ParagraphText(
        code="partial_disclosure",
        title="Information provided in part",
        body=_t("""
            I can confirm that we hold information within the scope of your request. Some of it is provided
            [[below / in the attached document]]. The rest is withheld because it is exempt under {exemptions}.

            In respect of the information withheld, this letter is a refusal notice for the purposes of section 17(1)
            of the {act}. Our reasons are explained below.
        """),
        guidance="Make clear which parts of the request, or which redactions, each exemption applies to.",
    ),
    ParagraphText(
        code="refusal",
        title="Information withheld",
        body=_t("""
            I can confirm that we hold the information you have asked for. However, it is exempt from disclosure
            under {exemptions}, and we are therefore refusing your request. This letter is a refusal notice for the
            purposes of section 17(1) of the {act}. Our reasons are explained below.
        """),
        guidance="For EIR requests, replace the reference to section 17(1) with regulation 14.",
    ),
    ParagraphText(
        code="ncnd_statement",
        title="Neither confirm nor deny",
        body=_t("""
            {authority} can neither confirm nor deny whether the information you have asked for is held. The duty in
            section 1(1)(a) of the {act} to tell you whether information is held does not apply, by virtue of
            {exemptions}. This letter is a refusal notice for the purposes of section 17(1) of the {act}.
        """),
        guidance=_t("""
            Use with the neither confirm nor deny caveat, and give the same reply to every request of this kind,
            whether or not information is held. For EIR requests, refer to regulation 12(6) or 13(5A) instead.
        """),
    ),
    ParagraphText(
        code="ncnd_caveat",
        title="Neither confirm nor deny: no inference to be drawn",
        body=_t("""
            This response should not be taken as an indication that the information you have asked for is, or is
            not, held. To be effective, a response of this kind must be given consistently, whenever a request of
            this nature is received and whether or not any information is held; otherwise a change in our reply
            could itself reveal whether information exists.
        """),
    ),
    ParagraphText(
        code="not_held",
        title="Information not held",
        body=_t("""
            I can confirm that we do not hold the information you have asked for. This letter therefore meets our
            duty under section 1(1)(a) of the {act} to tell you whether the information is held. The Act gives a
            right of access to recorded information only, and does not require us to create new information in order
            to answer a request.

            [[describe the searches made, such as the teams, systems and search terms used, and, where known, why the
            information is not held]]
        """),
        guidance=_t("""
            Under the EIR, information not held is an exception, so use regulation 12(4)(a) instead. If another
            authority is likely to hold the information, add the advice and assistance paragraph.
        """),
    ),
    ParagraphText(
        code="advice_and_assistance",
        title="Advice and assistance",
        body=_t("""
            Under section 16 of the {act}, we have a duty to provide advice and assistance to people who make
            requests for information. [[give the advice, for example another public authority that may hold the
            information and how to contact it, or where related information is already published]]
        """),
    ),
    ParagraphText(
        code="s12_refusal",
        title="Refusal on grounds of cost",
        body=_t("""
            We are refusing your request under section 12(1) of the {act}, because we estimate that the cost of
            complying with it would exceed the appropriate limit of {cost_limit}. This limit is equivalent to
            {cost_limit_hours} hours of work, at {hourly_rate} per hour.

            We estimate that complying with your request would take {cost_hours} hours, at a cost of {cost_total}.
            The breakdown below shows how we reached this estimate.

            Section 12 is not an exemption, so there is no requirement to consider the public interest. This letter
            is a refusal notice for the purposes of section 17(5) of the {act}.
        """),
    ),
    ParagraphText(
        code="s12_advice",
        title="Advice on bringing a request within the cost limit",
        body=_t("""
            Under section 16 of the {act}, we have a duty to provide advice and assistance. We may be able to answer
            a narrower request within the cost limit, for example [[suggest concrete ways to narrow the request, such
            as a shorter time period, fewer locations or a particular type of record]].

            A narrower request would be treated as a new request, and we would respond to it within 20 working days
            of receiving it. Please note that narrowing a request does not mean that all of the information will be
            provided, as some of it may be exempt.
        """),
        guidance=_t("""
            Give realistic suggestions that you expect to fall within the limit, or explain why no useful narrowing
            is possible.
        """),
    ),
    ParagraphText(
        code="s14_refusal",
        title="Refusal of a vexatious or repeated request",
        body=_t("""
            We are refusing your request under {exemptions}. Section 14 of the {act} provides that we are not obliged
            to comply with a request that is vexatious, or with a request that repeats one we have already complied
            with where a reasonable interval has not passed.

            Section 14 is not an exemption, so there is no requirement to consider the public interest, and we are
            not required to confirm or deny whether we hold the information. This letter is a refusal notice for the
            purposes of section 17(5) of the {act}.

            [[explain why section 14 applies to this request, or remove if reasons have already been given]]
        """),
        guidance=_t("""
            Focus on the request and its impact rather than on the person, and keep the tone neutral. Under section
            17(6) no fresh notice is needed where one has been given for a previous vexatious or repeated request and
            it would be unreasonable to give another.
        """),
    ),
    ParagraphText(
        code="review_outcome",
        title="Outcome of internal review",
        body=_t("""
            I am writing about your request of [[date]] for an internal review of our response to request
            {references}.

            The review was carried out by [[name and role of the reviewer]], who was not involved in the original
            decision. The reviewer considered the request afresh, including whether all the relevant information was
            identified, whether the searches were adequate, whether each exemption was correctly applied and, where
            relevant, whether the public interest was properly balanced, taking account of the circumstances at the
            time of the original response.

            The outcome of the review is as follows:

            - [[for each exemption or issue: upheld, upheld in part or overturned, with the reasons]]

            [[if the original decision has been changed, say what information is now provided, or when it will be]]
        """),
        guidance=_t("""
            The reviewer must not have been involved in the original decision. Aim to complete the review within 20
            working days, or 40 in exceptional cases; under the EIR, 40 working days is the statutory maximum.
        """),
    ),
    ParagraphText(
        code="closing",
        title="Closing",
        body=_t("""
            If you have any questions about this response, please contact {unit_name} at {unit_email}, quoting
            {references}.
        """),
    ),
    # ------------------------------------------------------------------------------------------
    # Regime variants. A letter uses "<code>_<regime>" where it exists and the plain code otherwise:
    # the plain paragraphs above are written for FOIA. Suffixes: _eir (Environmental Information
    # Regulations 2004), _foisa (Freedom of Information (Scotland) Act 2002), _eisr (Environmental
    # Information (Scotland) Regulations 2004) and _sar (UK GDPR subject access). For subject access
    # the law's name is written out, because {act} is filled with the regime's label.
    # ---------------------------------------------------------------------------- EIR
    ParagraphText(
        code="acknowledgement_eir",
        title="Acknowledgement of a request (EIR)",
        body=_t("""
            Thank you for your request for information, which {authority} received on {received_date}. Our reference
            is {references}; please quote it in any correspondence about this request.

            We will respond as soon as possible, and in any event by {due_date}. Regulation 5(2) of the {act}
            requires us to respond no later than 20 working days after the date on which we received your request,
            counting from the first working day after receipt. Weekends, Christmas Day, Good Friday and bank holidays
            in any part of the United Kingdom are not working days.

            If your request is formulated in too general a manner for us to identify the information you want, we
            will ask you for more particulars under regulation 9, and the 20 working days will start again from the
            day we receive them. If we require a charge to be paid in advance, we will tell you, and the days from
            our notice until the day we receive payment will not count towards the 20 working days. If the
            information you have asked for is so complex and voluminous that it is impracticable to respond within
            20 working days, regulation 7 allows us to extend the time to 40 working days; if so, we will write to
            you by {due_date} to explain why.
        """),
        guidance=_t("""
            The EIR have no extension to consider the public interest. A regulation 7 extension is available only
            where the request is both complex and voluminous, must be notified within the first 20 working days, and
            can never take the total beyond 40 working days.
        """),
    ),
    ParagraphText(
        code="clarification_request_eir",
        title="Request for clarification (EIR)",
        body=_t("""
            We need some further information before we can deal with your request. We consider that it is
            formulated in too general a manner for us to identify the information you want, and regulation 9(2) of
            the {act} allows us to ask you for more particulars. [[explain what is unclear and what further detail
            is needed]]

            Regulation 9(1) also places a duty on us to provide advice and assistance, so far as it would be
            reasonable to expect us to do so. To help you, [[suggest how the request could be framed, for example by
            giving a time period, a place or a type of document]].

            When we receive the further particulars, the 20 working days we have to respond will start again from
            that day. If we do not hear from you within three months of the date of this letter, we will assume that
            you no longer wish to pursue the request and will close it.
        """),
        guidance=_t("""
            Regulation 9(2) requires this to be sent as soon as possible and no later than 20 working days after
            receipt. Ask only for what you need to identify the information, never for the reasons for the request.
            A request that stays too general may later be refused under regulation 12(4)(c), but only if this
            advice and assistance was given.
        """),
    ),
    ParagraphText(
        code="fees_notice_eir",
        title="Notice of a charge (EIR)",
        body=_t("""
            This letter is a notice under regulation 8 of the {act} that we will make a charge for making available
            the information you have asked for, and that we require the charge to be paid in advance. The charge is
            {fee_amount}.

            Regulation 8(3) allows us to charge no more than a reasonable amount, and the Regulations set no fixed
            rate. The charge follows our published schedule of charges and is made up as follows: [[explain how the
            charge is made up, for example staff time to locate the information and copying and postage]]. We do not
            charge for access to a public register or list of environmental information, or for examining the
            information at a place we make available for that purpose.

            We are not required to make the information available unless the charge is paid within 60 working days
            of the date of this notice, that is by [[the date 60 working days after the date of this notice]]. The
            working days from the date of this notice until the day we receive payment do not count towards the 20
            working days we have to respond.

            [[explain how to pay, for example the methods accepted and the payee]] Please quote {references} with
            your payment.
        """),
        guidance=_t("""
            An advance payment must be notified within 20 working days of receipt, and the charge must be
            reasonable, must not exceed the cost of making the information available and must follow the schedule
            of charges published under regulation 8(8). Charging routinely may deter requests and is discouraged.
            Fill in the date 60 working days after the notice: the three months used for FOIA fees notices does not
            apply.
        """),
    ),
    ParagraphText(
        code="applicant_blind_eir",
        title="Requests are handled without regard to who asks (EIR)",
        body=_t("""
            Regulation 5(1) of the {act} gives a right to environmental information to any applicant, so every
            request must be dealt with in the same way, whoever has made it and for whatever reason. Anything we make
            available in response to a request is treated as disclosed to the world at large, not just to the person
            who asked for it.
        """),
        guidance=_t("""
            The applicant's own personal data is outside the EIR (regulation 5(3)) and should be handled as a
            subject access request.
        """),
    ),
    ParagraphText(
        code="full_disclosure_eir",
        title="Information provided in full (EIR)",
        body=_t("""
            I can confirm that we hold the information you have asked for. In accordance with regulation 5(1) of the
            {act}, it is provided [[below / in the attached document]].
        """),
        guidance=_t("""
            If the information is provided in a different form or format from the one asked for, regulation 6
            requires you to explain why. Check attachments for hidden rows, sheets, comments and metadata before
            sending.
        """),
    ),
    ParagraphText(
        code="partial_disclosure_eir",
        title="Information provided in part (EIR)",
        body=_t("""
            I can confirm that we hold information within the scope of your request. Some of it is provided
            [[below / in the attached document]]. The rest is withheld because it is excepted from disclosure under
            {exemptions}.

            In respect of the information withheld, this letter is a refusal notice for the purposes of regulation
            14 of the {act}. Our reasons, including the matters we took into account in assessing the public
            interest, are explained below.
        """),
        guidance=_t("""
            Make clear which parts of the request, or which redactions, each exception applies to. Regulation 12(11)
            requires information that is not excepted to be separated from excepted information and made available.
        """),
    ),
    ParagraphText(
        code="refusal_eir",
        title="Information withheld (EIR)",
        body=_t("""
            I can confirm that we hold the information you have asked for. However, it is excepted from disclosure
            under {exemptions}, and we are therefore refusing your request. This letter is a refusal notice for the
            purposes of regulation 14 of the {act}.

            Regulation 12(2) requires us to apply a presumption in favour of disclosure. Where an exception is
            subject to the public interest test, we may withhold information only if, in all the circumstances, the
            public interest in maintaining the exception outweighs the public interest in disclosing it. Our reasons,
            including the matters we took into account in assessing the public interest, are explained below.
        """),
        guidance=_t("""
            The refusal must be sent within 20 working days, or 40 where regulation 7 applies. If you rely on
            regulation 12(4)(d), regulation 14(4) also requires you to name the authority preparing the unfinished
            material and say when it is expected to be finished.
        """),
    ),
    ParagraphText(
        code="ncnd_statement_eir",
        title="Neither confirm nor deny (EIR)",
        body=_t("""
            {authority} can neither confirm nor deny whether the information you have asked for exists and is held.
            Regulation 12(6) of the {act} allows a public authority to respond in this way where confirming or
            denying would itself adversely affect international relations, defence, national security or public
            safety and would not be in the public interest, and regulation 13(5A) allows it where confirming or
            denying would itself reveal personal data in breach of the data protection principles. We are relying
            on {exemptions}. This letter is a refusal notice for the purposes of regulation 14 of the {act}.
        """),
        guidance=_t("""
            Regulation 12(6) covers only the interests in regulation 12(5)(a) and is subject to the public interest
            test, with the presumption in favour of disclosure; for personal data use regulation 13(5A) or 13(5B).
            Use with the neither confirm nor deny caveat, and delete the half of the second sentence that does not
            apply.
        """),
    ),
    ParagraphText(
        code="not_held_eir",
        title="Information not held (EIR)",
        body=_t("""
            I can confirm that we do not hold the information you have asked for.

            Under the {act}, information that is not held is dealt with by an exception: regulation 12(4)(a) allows
            a public authority to refuse a request to the extent that it does not hold the information when the
            request is received. Although it is formally an exception, there is no information whose disclosure the
            public interest could favour. This letter is therefore a refusal notice for the purposes of regulation
            14 of the {act}. The Regulations give a right of access to recorded information only, and do not require
            us to create new information in order to answer a request.

            [[describe the searches made, such as the teams, systems and search terms used, and, where known, why the
            information is not held]]
        """),
        guidance=_t("""
            The exception applies to what was held when the request was received. If another public authority is
            likely to hold the information, regulation 10 requires you either to transfer the request or to give
            the applicant its name and address, so add the advice and assistance paragraph.
        """),
    ),
    ParagraphText(
        code="advice_and_assistance_eir",
        title="Advice and assistance (EIR)",
        body=_t("""
            Under regulation 9(1) of the {act}, we have a duty to provide advice and assistance to applicants and
            prospective applicants, so far as it would be reasonable to expect us to do so. [[give the advice, for
            example another public authority that may hold the information and how to contact it, or where related
            information is already published]]
        """),
    ),
    ParagraphText(
        code="review_outcome_eir",
        title="Outcome of internal review (EIR)",
        body=_t("""
            I am writing about your representations of [[date]], in which you asked us to reconsider our response to
            request {references}. We have carried out an internal review under regulation 11 of the {act}.

            The review was carried out by [[name and role of the reviewer]], who was not involved in the original
            decision. The reviewer considered your representations and any evidence you provided, and looked at the
            request afresh, including whether all the relevant information was identified, whether the searches were
            adequate, whether each exception was correctly applied and, where relevant, whether the public interest
            was properly balanced, applying the presumption in favour of disclosure.

            The outcome of the review is as follows:

            - [[for each exception or issue: upheld, upheld in part or overturned, with the reasons]]

            [[if we did not comply with the Regulations, say how, what we will now do and by when]]
        """),
        guidance=_t("""
            The review is statutory: representations may be made within 40 working days of the response, and the
            decision must be sent within 40 working days of receiving them. Where the authority did not comply,
            regulation 11(5) requires the letter to state the failure, the action to be taken and when.
        """),
    ),
    # ---------------------------------------------------------------------------- FOISA
    ParagraphText(
        code="acknowledgement_foisa",
        title="Acknowledgement of a request (FOISA)",
        body=_t("""
            Thank you for your request for information, which {authority} received on {received_date}. Our reference
            is {references}; please quote it in any correspondence about this request.

            We will respond promptly, and in any event by {due_date}. Section 10(1) of the {act} requires us to
            respond no later than the 20th working day after the day on which we received your request. Weekends,
            Christmas Day and bank holidays in Scotland are not working days.

            If we need you to clarify your request, the 20 working days will start again from the day we receive
            your clarification. If a fee is payable, we will send you a fees notice, and the days from the date of
            the notice until the day we receive payment will not count towards the 20 working days. The Act does not
            allow this time to be extended to consider the public interest, so any decision on the public interest
            will be made within the same 20 working days.
        """),
        guidance=_t("""
            FOISA has no extension for the public interest test. Only Scottish bank holidays count, so the due date
            can differ from that of a FOIA request received on the same day.
        """),
    ),
    ParagraphText(
        code="clarification_request_foisa",
        title="Request for clarification (FOISA)",
        body=_t("""
            We need some further information before we can deal with your request. Under section 1(3) of the {act},
            where we reasonably require further information in order to identify and locate what has been asked for,
            and have told you what we need, we are not obliged to provide the information until we receive it.
            [[explain what is unclear and what further detail is needed]]

            We also have a duty under section 15 to provide advice and assistance. To help you, [[suggest how the
            request could be framed, for example by giving a time period, a team or a type of document]].

            When we receive your clarification, the 20 working days we have to respond will start again from that
            day. If we do not hear from you within three months of the date of this letter, we will assume that you
            no longer wish to pursue the request and will close it.
        """),
        guidance=_t("""
            Send this as soon as possible. Ask only for what you need to identify and locate the information, never
            for the reasons for the request.
        """),
    ),
    ParagraphText(
        code="applicant_blind_foisa",
        title="Requests are handled without regard to who asks (FOISA)",
        body=_t("""
            Under the {act}, every request must be dealt with in the same way, whoever has made it and for whatever
            reason. Anything we disclose in response to a request is treated as disclosed to the world at large, not
            just to the person who asked for it.
        """),
        guidance=_t("""
            Do not use for requests for the requester's own personal data, which are exempt under section 38(1)(a)
            of FOISA and should be handled as subject access requests.
        """),
    ),
    ParagraphText(
        code="full_disclosure_foisa",
        title="Information provided in full (FOISA)",
        body=_t("""
            I can confirm that we hold the information you have asked for. In accordance with section 1(1) of the
            {act}, it is provided [[below / in the attached document]].
        """),
        guidance=_t("""
            Section 11 lets the applicant express a preference for the form of the information; meet it where
            reasonably practicable. Check attachments for hidden rows, sheets, comments and metadata before sending.
        """),
    ),
    ParagraphText(
        code="not_held_foisa",
        title="Information not held (FOISA)",
        body=_t("""
            I can confirm that we do not hold the information you have asked for. This letter is a notice under
            section 17(1) of the {act} that the information is not held. The Act gives a right of access to recorded
            information only, and does not require us to create new information in order to answer a request.

            [[describe the searches made, such as the teams, systems and search terms used, and, where known, why the
            information is not held]]
        """),
        guidance=_t("""
            The notice must be given within the 20 working days. If another Scottish public authority is likely to
            hold the information, add the advice and assistance paragraph.
        """),
    ),
    ParagraphText(
        code="advice_and_assistance_foisa",
        title="Advice and assistance (FOISA)",
        body=_t("""
            Under section 15 of the {act}, we have a duty to provide advice and assistance to people who propose to
            make, or have made, requests for information, so far as it is reasonable to expect us to do so.
            [[give the advice, for example another public authority that may hold the information and how to contact
            it, or where related information is already published]]
        """),
        guidance=_t("""
            Following the Scottish Ministers' Code of Practice under section 60 is taken to comply with the duty.
        """),
    ),
    ParagraphText(
        code="review_outcome_foisa",
        title="Outcome of review (FOISA)",
        body=_t("""
            I am writing about your requirement for review of [[date]], in which you asked us to review our response
            to request {references}. We have carried out the review under section 21 of the {act}.

            The review was carried out by [[name and role of the reviewer]], who was not involved in the original
            decision. The reviewer considered the request afresh, including whether all the relevant information was
            identified, whether the searches were adequate, whether each exemption was correctly applied and, where
            relevant, whether the public interest was properly balanced.

            The outcome of the review is as follows:

            - [[for each exemption or issue: decision confirmed, confirmed with changes, or a different decision
              substituted, with the reasons]]

            [[if the original decision has been changed, say what information is now provided, or when it will be]]

            If you are dissatisfied with the outcome of this review, you have the right to apply to the
            {commissioner} for a decision. An application must normally be made within six months of receiving this
            letter; how to apply is explained below. If you are dissatisfied with the decision on your application,
            you may appeal to the Court of Session on a point of law only.
        """),
        guidance=_t("""
            The requester has 40 working days to require a review and the authority must respond within 20 working
            days; there is no extension. Section 21(10) requires the letter to give particulars of the right to apply
            to the Scottish Information Commissioner and of the appeal to the Court of Session.
        """),
    ),
    # ---------------------------------------------------------------------------- EIR (Scotland)
    ParagraphText(
        code="acknowledgement_eisr",
        title="Acknowledgement of a request (Scottish EIR)",
        body=_t("""
            Thank you for your request for information, which {authority} received on {received_date}. Our reference
            is {references}; please quote it in any correspondence about this request.

            We will respond as soon as possible, and in any event by {due_date}. Regulation 5(2)(a) of the {act}
            requires us to respond no later than 20 working days after the date on which we received your request.
            Weekends, Christmas Day and bank holidays in Scotland are not working days.

            If your request is formulated in too general a manner for us to identify the information you want, we
            will ask you for more particulars under regulation 9, and the 20 working days will start again from the
            day we receive them. If the volume and complexity of the information you have asked for make it
            impracticable to respond within 20 working days, regulation 7 allows us to extend the time to 40 working
            days; if so, we will write to you by {due_date} to explain why.
        """),
        guidance=_t("""
            There is no extension to consider the public interest. A regulation 7 extension must be notified within
            the first 20 working days and can never take the total beyond 40 working days, and only Scottish bank
            holidays count.
        """),
    ),
    ParagraphText(
        code="clarification_request_eisr",
        title="Request for clarification (Scottish EIR)",
        body=_t("""
            We need some further information before we can deal with your request. We consider that it is
            formulated in too general a manner for us to identify the information you want, and regulation 9 of the
            {act} allows us to ask you for more particulars. [[explain what is unclear and what further detail is
            needed]]

            Regulation 9 also places a duty on us to provide advice and assistance, so far as it would be reasonable
            to expect us to do so. To help you, [[suggest how the request could be framed, for example by giving a
            time period, a place or a type of document]].

            When we receive the further particulars, the 20 working days we have to respond will start again from
            that day. If we do not hear from you within three months of the date of this letter, we will assume that
            you no longer wish to pursue the request and will close it.
        """),
        guidance=_t("""
            Send this as soon as possible and no later than 20 working days after receipt. A request that stays too
            general may later be refused under regulation 10(4)(c), but only if this advice and assistance was
            given.
        """),
    ),
    ParagraphText(
        code="applicant_blind_eisr",
        title="Requests are handled without regard to who asks (Scottish EIR)",
        body=_t("""
            Regulation 5(1) of the {act} requires environmental information to be made available to any applicant
            who asks for it, so every request must be dealt with in the same way, whoever has made it and for
            whatever reason. Anything we make available in response to a request is treated as disclosed to the
            world at large, not just to the person who asked for it.
        """),
        guidance=_t("""
            The applicant's own personal data is outside the duty to make environmental information available
            (regulation 11(1)) and should be handled as a subject access request.
        """),
    ),
    ParagraphText(
        code="full_disclosure_eisr",
        title="Information provided in full (Scottish EIR)",
        body=_t("""
            I can confirm that we hold the information you have asked for. In accordance with regulation 5(1) of the
            {act}, it is provided [[below / in the attached document]].
        """),
        guidance=_t("""
            If the information is provided in a different form or format from the one asked for, regulation 6
            requires you to explain why. Check attachments for hidden rows, sheets, comments and metadata before
            sending.
        """),
    ),
    ParagraphText(
        code="not_held_eisr",
        title="Information not held (Scottish EIR)",
        body=_t("""
            I can confirm that we do not hold the information you have asked for.

            Under the {act}, information that is not held is dealt with by an exception: regulation 10(4)(a) allows
            a Scottish public authority to refuse to make information available to the extent that it does not hold
            the information when the request is received. Although it is formally an exception, there is no
            information whose disclosure the public interest could favour. This letter is therefore a refusal notice
            for the purposes of regulation 13 of the {act}. The Regulations give a right of access to recorded
            information only, and do not require us to create new information in order to answer a request.

            [[describe the searches made, such as the teams, systems and search terms used, and, where known, why the
            information is not held]]
        """),
        guidance=_t("""
            The exception applies to what was held when the request was received. If another authority is likely to
            hold the information, transfer the request or give the applicant its details, and add the advice and
            assistance paragraph.
        """),
    ),
    ParagraphText(
        code="advice_and_assistance_eisr",
        title="Advice and assistance (Scottish EIR)",
        body=_t("""
            Under regulation 9 of the {act}, we have a duty to provide advice and assistance to applicants and
            prospective applicants, so far as it would be reasonable to expect us to do so. [[give the advice, for
            example another public authority that may hold the information and how to contact it, or where related
            information is already published]]
        """),
    ),
    ParagraphText(
        code="review_outcome_eisr",
        title="Outcome of review (Scottish EIR)",
        body=_t("""
            I am writing about your representations of [[date]], in which you asked us to review our response to
            request {references}. We have carried out the review under regulation 16 of the {act}.

            The review was carried out by [[name and role of the reviewer]], who was not involved in the original
            decision. The reviewer considered your representations and any evidence you provided, and looked at the
            request afresh, including whether all the relevant information was identified, whether the searches were
            adequate, whether each exception was correctly applied and, where relevant, whether the public interest
            was properly balanced, applying the presumption in favour of disclosure.

            The outcome of the review is as follows:

            - [[for each exception or issue: upheld, upheld in part or overturned, with the reasons]]

            [[if we did not comply with the Regulations, say how, what we will now do and by when]]

            If you are dissatisfied with the outcome of this review, you have the right to apply to the
            {commissioner} for a decision. An application must normally be made within six months of receiving this
            letter; how to apply is explained below. If you are dissatisfied with the decision on your application,
            you may appeal to the Court of Session on a point of law only.
        """),
        guidance=_t("""
            Representations may be made within 40 working days of the response, and the decision must be sent
            within 20 working days of receiving them. Where the authority did not comply, the letter must state the
            failure, the action to be taken and when.
        """),
    ),
    # ---------------------------------------------------------------------------- Subject access
    ParagraphText(
        code="acknowledgement_sar",
        title="Acknowledgement of a subject access request",
        body=_t("""
            Thank you for your request for a copy of your personal data, which {authority} received on
            {received_date}. We are dealing with it as a subject access request under Article 15 of the UK General
            Data Protection Regulation (UK GDPR) and the Data Protection Act 2018. Our reference is {references};
            please quote it in any correspondence about this request.

            We will respond without undue delay, and in any event by {due_date}, one calendar month after we
            received your request. If your request is complex, or you have made a number of requests, the UK GDPR
            allows us to extend this by up to two further months; if we need to do so, we will tell you within the
            first month and explain why.

            To protect your personal data, we may ask you for proof of identity before we respond; if we do, the
            month will run from the day we receive it. If we need you to clarify your request, the time we have to
            respond will be paused from the day we ask until the day we receive your reply. In either case we will
            tell you the new date.

            There is normally no fee for a subject access request.
        """),
        guidance=_t("""
            Ask for proof of identity only where there is reasonable doubt, and only for what is proportionate. A
            reasonable fee may be charged only for a manifestly unfounded or excessive request or for further
            copies. Any part of the request for information that is not the requester's own personal data is a
            separate request under the freedom of information laws.
        """),
    ),
    ParagraphText(
        code="clarification_request_sar",
        title="Request for clarification (subject access)",
        body=_t("""
            We need some further information before we can respond to your subject access request under Article 15
            of the UK General Data Protection Regulation (UK GDPR). To identify the personal data or the processing
            your request relates to, [[explain what is unclear and what further detail would help, for example the
            dates, teams or matters concerned]].

            The time we have to respond is paused (often called stopping the clock) from the date of this letter
            until the day we receive your reply, and then continues. We will tell you the new date by which we will
            respond.

            You do not have to narrow your request. If you would rather not, please tell us, and we will carry out
            reasonable and proportionate searches for all of the personal data your request covers.
        """),
        guidance=_t("""
            Ask only where you reasonably need more information to identify the personal data or processing, for
            example because you hold a large amount of information about the person. Never ask for the reasons for
            the request.
        """),
    ),
    ParagraphText(
        code="full_disclosure_sar",
        title="Your personal data (subject access)",
        body=_t("""
            I can confirm that we process personal data about you. A copy of it is provided [[below / in the attached
            documents]], as required by Article 15 of the UK General Data Protection Regulation (UK GDPR).

            Article 15 also entitles you to the following information:

            - **Purposes**: we process your personal data for [[the purposes of the processing]].
            - **Categories**: the personal data we process about you is [[the categories of personal data, for example
              contact details, case records and correspondence]].
            - **Recipients**: [[the recipients or categories of recipient it has been or will be disclosed to, with
              any outside the UK and the safeguards for them; or say there are none]]
            - **Retention**: [[how long the personal data will be kept, or the criteria used to decide this]]
            - **Source**: [[where the personal data came from, if not from you]]
            - **Automated decision-making**: [[whether any decision about you is made solely by automated means,
              including profiling, and if so the logic and likely consequences; or say there is none]]
            - **Your rights**: you have the right to ask us to rectify inaccurate personal data, to erase your
              personal data or to restrict its processing, and to object to its processing, where those rights apply.
            - **Complaints**: you have the right to complain to the {commissioner} about the way we handle your
              personal data.
        """),
        guidance=_t("""
            This paragraph assumes everything is provided: if any personal data is withheld, for example under an
            exemption in the Data Protection Act 2018 or because it would reveal information about someone else,
            say so and why. Remove other people's personal data unless they have consented or it is reasonable to
            disclose it.
        """),
    ),
    ParagraphText(
        code="not_held_sar",
        title="No personal data held (subject access)",
        body=_t("""
            I can confirm that we do not hold any personal data about you. This letter is our response to your
            subject access request under Article 15 of the UK General Data Protection Regulation (UK GDPR).

            [[describe the searches made, such as the teams, systems and search terms used, including the names,
            reference numbers or other details searched for]]
        """),
        guidance=_t("""
            Search every system where the person's data could reasonably be, including email and archives, using
            the details they gave. Personal data held when the request was received must not be deleted or altered to
            prevent its disclosure, which is an offence under section 173 of the Data Protection Act 2018.
        """),
    ),
    ParagraphText(
        code="advice_and_assistance_sar",
        title="Advice and assistance (subject access)",
        body=_t("""
            We want to help you obtain the personal data you are entitled to under Article 15 of the UK General Data
            Protection Regulation (UK GDPR). [[give the advice, for example the details that would help us find your
            personal data, or another organisation that may hold it and how to contact it]]

            You do not have to narrow your request; these suggestions are only to help you find what you are looking
            for.
        """),
    ),
]
