"""What the demo register is made of: the joint unit, its two police bodies, its staff and
realistic requests. Data only; `foi_cases.demo` decides how it is combined.

Addresses, phone numbers and websites are the bodies' published ones (as on the sample letter);
requesters are invented and their email addresses use example.org / example.com, which can never
receive mail.
"""

UNIT = {
    "name": "Joint Information Rights Unit",
    "address": "Bedfordshire Police Headquarters\nWoburn Road, Kempston\nBedford\nMK43 9AX",
    "phone": "01234 842547",
    "email": "foi@herts.pnn.police.uk",
    "website": "https://www.bedfordshire.police.uk",
}

BODIES = [
    {
        "name": "Bedfordshire Police",
        "short_name": "Beds",
        "address": "Bedfordshire Police Headquarters\nWoburn Road, Kempston\nBedford\nMK43 9AX",
        "phone": "01234 842547",
        "email": "foi@herts.pnn.police.uk",
        "website": "https://www.bedfordshire.police.uk",
    },
    {
        "name": "Hertfordshire Constabulary",
        "short_name": "Herts",
        "address": "Police Headquarters\nStanborough Road\nWelwyn Garden City\nHertfordshire\nAL8 6XF",
        "phone": "01707 354200",
        "email": "foi@herts.pnn.police.uk",
        "website": "https://www.herts.police.uk",
    },
]

# A further clearance stage: the press office signs off letters on cases with media interest,
# after the supervisor. Its group is the stage's approvers.
PRESS_OFFICE = "Press office"

# username, first name, last name, role (group), staff (may use /admin/)
STAFF = [
    ("officer", "James", "Cooper", "Officer", False),
    ("officer2", "Priya", "Sharma", "Officer", False),
    ("supervisor", "Helen", "Whitfield", "Supervisor", False),
    ("admin", "David", "Okafor", "Administrator", True),
    ("press", "Fiona", "Marsh", PRESS_OFFICE, False),
]

FIRST_NAMES = [
    "Amelia",
    "Oliver",
    "Grace",
    "Harry",
    "Sophie",
    "Mohammed",
    "Emily",
    "Jack",
    "Chloe",
    "Thomas",
    "Aisha",
    "Daniel",
    "Hannah",
    "Ryan",
    "Zara",
    "Connor",
    "Megan",
    "Arjun",
    "Lucy",
    "Samuel",
    "Niamh",
    "Kwame",
    "Eleanor",
    "Tomasz",
    "Fatima",
    "George",
    "Isla",
    "Rhys",
    "Leah",
    "Callum",
]
LAST_NAMES = [
    "Patel",
    "Hughes",
    "Walker",
    "Khan",
    "Robinson",
    "Evans",
    "Wright",
    "Thompson",
    "Ali",
    "Green",
    "Clarke",
    "Mensah",
    "Murray",
    "Kowalski",
    "Bennett",
    "Hussain",
    "Fletcher",
    "O'Neill",
    "Turner",
    "Ahmed",
    "Lloyd",
    "Baker",
    "Reid",
    "Chapman",
    "Shah",
    "Morris",
    "Doyle",
    "Harding",
    "Price",
    "Begum",
]
# requester type -> organisations they write from ("" means an individual)
ORGANISATIONS = {
    "public": [""],
    "journalist": [
        "Bedford Independent",
        "Hertfordshire Mercury",
        "BBC Three Counties Radio",
        "The Comet",
        "Luton Today",
        "PA Media",
    ],
    "mp": ["Office of Rachel Denholm MP", "Office of Martin Ashworth MP", "Councillor, Stevenage Borough Council"],
    "business": ["Fleetline Analytics Ltd", "Sentinel Vision Systems Ltd", "Chiltern Procurement Insight Ltd"],
    "campaign": ["Big Brother Watch", "StopWatch", "Open Rights Group", "Liberty"],
    "solicitor": ["Harper Lane Solicitors LLP", "Okoro & Finch Solicitors", "Bunyan Legal LLP"],
    "academic": ["University of Bedfordshire", "University of Hertfordshire", "Cranfield University"],
    "authority": ["Luton Borough Council", "Hertfordshire County Council", "Central Bedfordshire Council"],
}
REQUESTER_TYPE_WEIGHTS = {
    "public": 46,
    "journalist": 16,
    "mp": 4,
    "business": 8,
    "campaign": 8,
    "solicitor": 8,
    "academic": 6,
    "authority": 4,
}
STREETS = [
    "14 Castle Lane, Bedford, MK40 3NT",
    "7 Hitchin Road, Stevenage, SG1 3BJ",
    "22 Park Street, Luton, LU1 3ET",
    "3 Fishpool Street, St Albans, AL3 4RX",
    "58 Ampthill Road, Bedford, MK42 9HL",
    "11 Fore Street, Hertford, SG14 1DB",
]

# Each topic: a subject and the requester's numbered questions. {this_year}, {last_year} and
# {year_before} are filled in relative to today.
FOIA_TOPICS = [
    (
        "Use of facial recognition technology",
        [
            "When did your force introduce facial recognition technology? Please give a month and year.",
            "How does your force use it: live facial recognition at events, retrospective searches of "
            "custody images, or operator-initiated searches on mobile devices?",
            "How much was spent on facial recognition technology in each of "
            "{year_before}, {last_year} and {this_year}?",
            "Does your force plan to extend its use of facial recognition in {this_year}?",
        ],
    ),
    (
        "Police vehicle fleet costs",
        [
            "How many vehicles were in your fleet on 31 March {this_year}, broken down by type?",
            "What was the total spent on fuel in {last_year} and {this_year}?",
            "What was spent on repairs and maintenance of the fleet in the same years?",
            "How many police vehicles were written off after collisions in {last_year}?",
        ],
    ),
    (
        "Overtime paid to police officers and staff",
        [
            "What was the total overtime paid to police officers in each of the last three financial years?",
            "What was the total overtime paid to police staff in the same years?",
            "What were the ten highest individual overtime payments in {last_year}, by rank (anonymised)?",
            "How many hours of overtime were worked in connection with football matches at Kenilworth Road?",
        ],
    ),
    (
        "Freedom of Information request statistics",
        [
            "How many Freedom of Information requests did you receive in {last_year}?",
            "How many were answered within 20 working days?",
            "How many were refused under section 12 (cost) and how many under section 14 (vexatious)?",
            "How many internal reviews were requested, and how many complaints were made to the ICO?",
        ],
    ),
    (
        "Taser deployments",
        [
            "How many times was Taser used in {last_year}, broken down by drawn, aimed, red-dotted and fired?",
            "Of these, how many involved a person under 18?",
            "Please break down the figures by the ethnicity of the subject, as recorded.",
        ],
    ),
    (
        "Stop and search figures",
        [
            "How many stop and searches were carried out under section 1 PACE in {last_year}?",
            "How many searches were authorised under section 60 of the Criminal Justice and Public Order Act 1994?",
            "What were the outcomes (arrest, community resolution, no further action)?",
            "Please break the figures down by self-defined ethnicity.",
        ],
    ),
    (
        "Use of drones by the force",
        [
            "How many drones (unmanned aerial vehicles) does your force operate?",
            "What did they cost to buy, and what are the annual running costs?",
            "How many deployments were there in {last_year}, and for what purposes?",
        ],
    ),
    (
        "Body-worn video cameras",
        [
            "How many body-worn video cameras are issued to officers?",
            "What is the annual cost of storing the footage?",
            "Please provide your policy on when officers must switch the cameras on.",
        ],
    ),
    (
        "101 non-emergency call waiting times",
        [
            "What was the average time to answer a 101 call in each month of {last_year}?",
            "How many 101 calls were abandoned before being answered?",
            "What is the longest recorded wait in {this_year}?",
        ],
    ),
    (
        "Police dogs",
        [
            "How many police dogs does the force have, by breed and role?",
            "What is the annual cost of the dog unit, including kennelling and veterinary fees?",
            "How many dogs were retired in {last_year}, and how are retired dogs rehomed?",
        ],
    ),
    (
        "Knife crime offences",
        [
            "How many knife or sharp instrument offences were recorded in {year_before} and {last_year}?",
            "How many of the suspects were under 18?",
            "How many knife surrender bins are there, and how many knives were surrendered in {last_year}?",
        ],
    ),
    (
        "Officer misconduct hearings",
        [
            "How many misconduct hearings were held in {last_year}?",
            "How many officers were dismissed, and how many resigned or retired before a hearing concluded?",
            "How many of the allegations related to sexual misconduct?",
        ],
    ),
    (
        "Sickness absence among officers",
        [
            "How many working days were lost to officer sickness in {last_year}?",
            "How many of these were recorded as stress, anxiety or depression?",
            "How many officers were on long-term sick leave on 1 April {this_year}?",
        ],
    ),
    (
        "Mobile phone extraction",
        [
            "How many digital forensic kiosks does the force use?",
            "How many mobile devices were examined in {last_year}?",
            "How many devices were waiting to be examined on 1 October {this_year}, and what is the longest wait?",
        ],
    ),
    (
        "ANPR cameras",
        [
            "How many fixed automatic number plate recognition cameras does the force operate?",
            "How long are ANPR reads retained?",
            "How many ANPR reads were recorded in {last_year}?",
        ],
    ),
    (
        "Police station front counter opening hours",
        [
            "Which police stations have a public front counter, and what are their opening hours?",
            "Which front counters have closed since {year_before}?",
            "How many members of the public visited each front counter in {last_year}?",
        ],
    ),
    (
        "Vehicle pursuits",
        [
            "How many vehicle pursuits were authorised in {last_year}?",
            "How many ended in a collision, and how many people were injured?",
            "How many were referred to the IOPC?",
        ],
    ),
    (
        "Policing costs for Luton Town FC home matches",
        [
            "What was the cost of policing each Luton Town FC home match in the {last_year}/{this_year} season?",
            "How much of the cost was recovered from the club under special police services?",
            "How many arrests were made at or near Kenilworth Road on match days?",
        ],
    ),
    (
        "Use of covert surveillance technology",
        [
            "Does the force use IMSI catchers (covert communications data capture)?",
            "How much has the force spent on such equipment since {year_before}?",
            "Please provide any policy governing its use.",
        ],
    ),
    (
        "Chief officer expenses",
        [
            "Please provide the expenses claimed by each chief officer in {last_year}.",
            "Please provide the gifts and hospitality register for chief officers for the same period.",
        ],
    ),
    (
        "Hare coursing and rural crime",
        [
            "How many reports of hare coursing were received in {year_before} and {last_year}?",
            "How many people were charged with hare coursing offences?",
            "How many officers are in the rural crime team?",
        ],
    ),
    (
        "Spending on agency staff and consultants",
        [
            "What was spent on agency staff in {last_year}?",
            "What was spent on management consultants in the same year, and with which firms?",
        ],
    ),
]

EIR_TOPICS = [
    (
        "Energy use and carbon emissions of the police estate",
        [
            "What was the total electricity and gas consumption of the police estate in {last_year}?",
            "What were the estate's reported carbon emissions for the same year?",
            "Which buildings have solar panels installed?",
        ],
    ),
    (
        "Electric vehicle charging at police sites",
        [
            "How many electric vehicle charging points are installed at police sites?",
            "How many vehicles in the fleet are fully electric or hybrid?",
            "What are the fleet's annual CO2 emissions?",
        ],
    ),
    (
        "Contaminated land at a former police station site",
        [
            "Please provide any land contamination surveys carried out at the former police station site "
            "before its sale.",
            "Please provide any correspondence with the Environment Agency about fuel storage tanks on the site.",
        ],
    ),
    (
        "Tree felling at headquarters",
        [
            "How many trees were felled at headquarters in connection with the new building works?",
            "Please provide the ecological survey and any bat survey carried out beforehand.",
        ],
    ),
    (
        "Herbicide use on police grounds",
        [
            "Which herbicides and pesticides are used on the grounds of police buildings?",
            "What quantities were used in {last_year}?",
        ],
    ),
]

FOISA_TOPICS = [
    (
        "Mutual aid provided to Police Scotland",
        [
            "How many officers were deployed to Scotland on mutual aid in {last_year}?",
            "What was the cost, and how much was reimbursed by the Scottish Police Authority?",
        ],
    ),
    (
        "Officers seconded to Scottish policing bodies",
        [
            "How many officers are currently seconded to Police Scotland or the Scottish Crime Campus?",
            "In which roles, and for how long?",
        ],
    ),
    (
        "Cross-border drug supply investigations",
        [
            "How many joint investigations with Police Scotland into county lines supply were "
            "opened since {year_before}?",
            "How many people were charged as a result?",
        ],
    ),
]

SAR_TOPICS = [
    (
        "Subject access request: records held about me",
        [
            "A copy of all personal data the force holds about me, including crime and intelligence records.",
            "Any records of calls I have made to 101 or 999.",
            "Details of anyone my personal data has been shared with.",
        ],
    ),
    (
        "Subject access request: body-worn video of my arrest",
        [
            "Body-worn video footage of my arrest outside the railway station.",
            "The custody record for my detention that day.",
        ],
    ),
    (
        "Subject access request: recording of my 999 call",
        [
            "The audio recording of the 999 call I made.",
            "The incident log created from that call.",
        ],
    ),
    (
        "Subject access request: my complaint about an officer",
        [
            "All records of the complaint I made about an officer, including the outcome.",
            "Any notes or emails in which I am named.",
        ],
    ),
]

TOPICS = {"foia": FOIA_TOPICS, "eir": EIR_TOPICS, "foisa": FOISA_TOPICS, "eisr": EIR_TOPICS, "sar": SAR_TOPICS}

INTRODUCTIONS = {
    "foia": "Under the Freedom of Information Act 2000, please provide the following information:",
    "eir": "Under the Environmental Information Regulations 2004, please provide the following:",
    "foisa": "Under the Freedom of Information (Scotland) Act 2002, please provide the following information:",
    "eisr": "Under the Environmental Information (Scotland) Regulations 2004, please provide the following:",
    "sar": "I am making a subject access request under Article 15 of the UK GDPR. Please provide:",
}

# Letters drafted on the demo cases, through the services, by the demo officer; the demo supervisor
# decides. Each goes on the first FOIA case of its story (see demo.py), which is logged on the topic
# given and assigned to the officer. `ends`: the state the letter is left in. `gaps`: what the
# officer wrote in each [[gap]] the library leaves, by the gap's instruction.
LETTERS = [
    {
        "story": "overdue",
        "topic": "Use of facial recognition technology",
        "kind": "ncnd",
        "codes": ("s24(2)", "s31(3)"),
        "clearance": (PRESS_OFFICE,),
        "ends": "submitted",
        "gaps": {
            "explain in general terms why confirming or denying would itself be revealing, in words that hold "
            "good whether or not information is held": "Whether a force uses facial recognition, and in which "
            "settings, is part of the wider picture of where protective capabilities are and are not in place.",
            "the capability, activity or arrangement concerned": "a facial recognition capability of a "
            "particular kind, or in a particular setting,",
            "explain why confirming or denying would itself be revealing, in words that hold good whether or not "
            "information is held": "A confirmation or a denial that the force uses facial recognition, or uses "
            "it in particular settings, would reveal policing tactics, whatever the answer.",
            "the law enforcement interest, for example the prevention or detection of crime": "the prevention "
            "or detection of crime and the apprehension or prosecution of offenders (section 31(1)(a) and (b))",
            "the tactic, capability or activity concerned": "facial recognition of a particular kind, or in a "
            "particular setting,",
            "would (more probable than not) / would be likely to (a real and significant risk)": "would be likely to",
            "explain the likelihood": "requests of this kind are sent to every force in the country, and the "
            "answers are compared and published; a confirmation or denial from this force would complete part "
            "of that picture",
        },
    },
    {
        "story": "clarified",
        "topic": "Police dogs",
        "kind": "full_disclosure",
        "ends": "approved",
        "gaps": {"below / in the attached document": "below"},
        "answers": (
            "The force has 38 police dogs: 21 German Shepherds and Belgian Malinois trained as general "
            "purpose dogs, 11 Springer and Cocker Spaniels trained to search for drugs, cash and firearms, and "
            "6 Labradors trained to search for explosives.",
            "The dog unit cost £1,284,000 in the last financial year. This includes handlers' pay, kennelling "
            "(£96,500), veterinary fees (£41,200), food and equipment.",
            "Seven dogs were retired last year. A retired dog usually stays with its handler; where that is "
            "not possible, the unit finds it a home through an approved rehoming charity.",
        ),
    },
    {
        "story": "drafting",
        "topic": "Overtime paid to police officers and staff",
        "kind": "s12",
        "ends": "draft",
        "gaps": {
            "suggest concrete ways to narrow the request, such as a shorter time period, fewer locations or a "
            "particular type of record": "by asking only for the total overtime paid to officers and to staff "
            "in each of the last three financial years (items 1 and 2), which the payroll system reports "
            "directly",
        },
        "cost_lines": (
            {
                "activity": "locating",
                "description": "Identifying match-day overtime claims among all claims in the duty management system",
                "hours": "4",
            },
            {
                "activity": "retrieving",
                "description": "Retrieving about 1,150 overtime claims for the three football seasons",
                "hours": "8",
            },
            {
                "activity": "extracting",
                "description": "Reading each claim to separate football duties from other overtime "
                "(about 2 minutes a claim)",
                "hours": "38",
            },
        ),
    },
    {
        "story": "extended",
        "topic": "ANPR cameras",
        "kind": "refusal",
        "codes": ("s31(1)",),
        "ends": "returned",
        "comment": "Item 2 (how long ANPR reads are kept) is published in the National ANPR Standards, so "
        "section 31 cannot apply to it: please answer it and make this a partial disclosure. For items 1 "
        "and 3, add the evidence behind the likelihood of harm.",
        "gaps": {
            "name the interest in section 31(1)(a) to (i) and, for section 31(1)(g), the purpose in section "
            "31(2)": "section 31(1)(a), the prevention or detection of crime, and section 31(1)(b), the "
            "apprehension or prosecution of offenders",
            "the law enforcement interest, for example the prevention or detection of crime": "the prevention "
            "or detection of crime",
            "describe in general terms what the information shows": "how many fixed ANPR cameras the force "
            "operates, how long their reads are kept and how many reads they record",
            "explain the causal link, for example to identify gaps in enforcement, avoid detection or adapt "
            "their methods": "work out how densely the roads of the two counties are covered, and choose "
            "routes and times on which they are less likely to be detected",
            "would (more probable than not) / would be likely to (a real and significant risk)": "would be likely to",
            "explain the likelihood, with any evidence": "offenders who travel across force boundaries are "
            "known to share information about camera coverage, and these figures could be combined with those "
            "other forces have published",
        },
    },
]
# For a gap whose instruction is not listed above (the library's wording may change).
GAP_FALLBACK = "the details that apply to this request"

# Issue 6: an internal review in progress and a complaint to the ICO with a step to comply with.
REVIEW_REASONS = (
    "I am not satisfied with your response. You have withheld the figures for 2024 without saying why the "
    "public interest favours withholding them. Please review the decision."
)
ICO_REFERENCE = "IC-402817-K7Q2"
ICO_STEP = "Issue a fresh response to the request that does not rely on section 12(1)."
