"""The default questionnaires and crisis text, as plain data for `load_default_content`.

The Migraine Profile is our own, educational questionnaire. PHQ-9, GAD-7 and MIDAS are
reproduced as published, with their published scoring and bands.
"""

FREQUENCY = [("Never", 0), ("Rarely", 1), ("Sometimes", 2), ("Often", 3), ("Almost always", 4)]
PHQ_FREQUENCY = [("Not at all", 0), ("Several days", 1), ("More than half the days", 2), ("Nearly every day", 3)]
DIFFICULTY = [("Not difficult at all", 0), ("Somewhat difficult", 0), ("Very difficult", 0), ("Extremely difficult", 0)]

PFIZER_NOTE = (
    "Developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational "
    "grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
)


NOT_APPLICABLE = "not_applicable"  # a third item in a choice: "does not apply" (leaves raw and maximum)
MENSTRUAL_ITEM = "My attacks are linked to my menstrual cycle."


def frequency_questions(dimension, texts):
    """Frequency items; the menstrual item also offers "does not apply"."""
    return [
        {
            "text": text,
            "kind": "single",
            "dimension": dimension,
            "choices": [*FREQUENCY, ("Does not apply: I do not have periods", 0, NOT_APPLICABLE)]
            if text == MENSTRUAL_ITEM
            else FREQUENCY,
        }
        for text in texts
    ]


def profile_bands(advice):
    labels = [
        ("Rarely reported", 0, 24, 0),
        ("Sometimes reported", 25, 49, 1),
        ("Often reported", 50, 74, 2),
        ("Very often reported", 75, 100, 3),
    ]
    return [
        {"label": label, "min": low, "max": high, "severity": severity, "advice": text}
        for (label, low, high, severity), text in zip(labels, advice, strict=True)
    ]


MIGRAINE_PROFILE = {
    "slug": "migraine-profile",
    # Version 2 (clinical review, issue 10): results describe what was reported, never biology; the
    # menstrual item has "does not apply"; the pattern rule needs an 18-point lead.
    "version": 2,
    "kind": "profile",
    "order": 0,
    "title": "The Migraine Profile",
    "summary": "Which of three patterns your answers lean towards: stress, inflammation or serotonin and mood.",
    "introduction": (
        "Research links migraine and low mood through several pathways; three that are often discussed are the "
        "stress response, inflammation and serotonin. These questions ask how often everyday experiences are true "
        "for you and show which of these three patterns your answers lean towards, with small daily steps for "
        "each.\n"
        "This is our own questionnaire. It is educational: it is not a validated instrument, it measures nothing "
        "in your body and it cannot diagnose anything."
    ),
    "what_you_get": (
        "A profile of your answers across the three patterns, what your pattern describes, daily steps that fit "
        "it, and what to track in your journal to learn more."
    ),
    "estimated_minutes": 6,
    "validated": False,
    "attribution": "Migraine Heroes, written for education. Not a validated instrument.",
    "dimensions": [
        {
            "key": "stress",
            "name": "Stress response",
            "basis": "percent",
            "description": (
                "How often you reported pressure, tension and an irregular rhythm, and attacks around the let-down "
                "when stress eases."
            ),
            "bands": profile_bands(
                [
                    "You reported few experiences in the stress pattern just now.",
                    "You reported some experiences in the stress pattern. Short pauses in the day and a regular "
                    "bedtime are simple places to start.",
                    "Your answers lean towards the stress pattern. Calming habits every day, not only on bad days, "
                    "may help some people; evidence is limited.",
                    "Many of your answers are in the stress pattern. Pacing, rest and a gentle wind-down after busy "
                    "periods may help some people; evidence is limited. A doctor or therapist can help you look at "
                    "stress and attacks together.",
                ]
            ),
        },
        {
            "key": "inflammation",
            "name": "Inflammation",
            "basis": "percent",
            "description": (
                "How often you reported allergies, digestive trouble, other pain, lingering tiredness and reactions "
                "to foods or alcohol."
            ),
            "bands": profile_bands(
                [
                    "You reported few experiences in the inflammation pattern.",
                    "You reported some experiences in the inflammation pattern. Regular meals with plenty of plants, "
                    "and noticing food or drink reactions, are simple places to start.",
                    "Your answers lean towards the inflammation pattern. Everyday habits such as plants, omega-3 "
                    "sources, movement and sleep may help some people; evidence is limited.",
                    "Many of your answers are in the inflammation pattern. It is worth telling your doctor about your "
                    "other symptoms too, such as digestion, allergies or pain elsewhere.",
                ]
            ),
        },
        {
            "key": "serotonin",
            "name": "Serotonin",
            "basis": "percent",
            "description": (
                "How often you reported low mood, and attacks linked with hormones, meals and the seasons."
            ),
            "bands": profile_bands(
                [
                    "You reported few experiences in the serotonin and mood pattern.",
                    "You reported some experiences in the serotonin and mood pattern. Daylight, movement and regular "
                    "meals are simple places to start.",
                    "Your answers lean towards the serotonin and mood pattern. Looking after your mood (daylight, "
                    "movement, connection, steady meals) may help some people; evidence is limited.",
                    "Many of your answers are in the serotonin and mood pattern. Please talk to your doctor: low mood "
                    "and migraine can be treated together, and you do not have to wait until it gets worse.",
                ]
            ),
        },
    ],
    "sections": [
        {
            "title": "About your migraine",
            "introduction": "A little context first. These answers are not scored; they help you read your result.",
            "questions": [
                {
                    "text": "How often do you have migraine attacks?",
                    "kind": "single",
                    "choices": [
                        ("Less than once a month", 0),
                        ("1 to 3 times a month", 0),
                        ("About once a week", 0),
                        ("Several times a week", 0),
                        ("Most days", 0),
                    ],
                },
                {
                    "text": "On how many days in a typical month do you have a headache of any kind?",
                    "kind": "number",
                    "min": 0,
                    "max": 31,
                },
                {
                    "text": (
                        "Do your attacks come with aura, such as flickering lights, zigzag lines, tingling or trouble "
                        "speaking before or during the headache?"
                    ),
                    "kind": "single",
                    "choices": [("Never", 0), ("Sometimes", 0), ("Usually", 0), ("I am not sure", 0)],
                },
                {
                    "text": "Which of these has a doctor told you that you have? Choose all that apply.",
                    "kind": "multiple",
                    "required": False,
                    "choices": [
                        ("Migraine without aura", 0),
                        ("Migraine with aura", 0),
                        ("Chronic migraine", 0),
                        ("Menstrual migraine", 0),
                        ("Vestibular migraine", 0),
                        ("Hemiplegic migraine", 0),
                        ("Retinal migraine", 0),
                        ("Cluster headache", 0),
                        ("Tension-type headache", 0),
                        ("I have not been diagnosed", 0),
                    ],
                },
            ],
        },
        {
            "title": "Stress and your daily rhythm",
            "introduction": "Over the last month, how often has each of these been true for you?",
            "questions": frequency_questions(
                "stress",
                [
                    "I feel under pressure or stretched thin.",
                    "My attacks come when stress eases: at the weekend, on holiday or after a deadline.",
                    "When I am under pressure my sleep suffers: I lie awake or wake too early.",
                    "My neck, shoulders or jaw feel tight or tense.",
                    "My days are irregular: I wake, eat or go to bed at different times.",
                    "I find it hard to switch off and relax, even when I have the time.",
                    "I feel wired but tired: exhausted, yet too on edge to rest.",
                    "A headache follows arguments, rushing or sudden demands.",
                    "I skip breaks and push through my day without pausing.",
                ],
            ),
        },
        {
            "title": "Your body and inflammation",
            "introduction": "Over the last month, how often has each of these been true for you?",
            "questions": frequency_questions(
                "inflammation",
                [
                    "Allergies, hay fever, asthma or eczema bother me.",
                    "I have digestive trouble such as bloating, cramps, diarrhoea or constipation (for example IBS).",
                    "I live with other pain as well, such as back, joint or muscle pain.",
                    "I feel a tiredness that rest does not fix.",
                    "Certain foods or drinks, alcohol among them, seem to set off an attack.",
                    "I catch colds and infections easily, or take a long time to recover.",
                    "My joints or muscles feel stiff or achy, especially in the morning.",
                    "My skin reacts easily, with rashes, flushing or itching.",
                    "My attacks come with feeling run down, as if I were getting ill.",
                ],
            ),
        },
        {
            "title": "Mood, hormones and serotonin",
            "introduction": "Over the last month, how often has each of these been true for you?",
            "questions": frequency_questions(
                "serotonin",
                [
                    "I feel low, down or flat.",
                    "I have less interest or pleasure in things I used to enjoy.",
                    "I feel anxious, nervous or on edge.",
                    MENSTRUAL_ITEM,
                    "Skipping or delaying a meal brings on an attack.",
                    "Before an attack my mood changes, or I yawn a lot, crave certain foods or feel irritable.",
                    "My mood dips in the darker months of the year.",
                    "I crave sweet or starchy food, especially when my mood is low.",
                    "Small setbacks hit me harder than they seem to hit other people.",
                ],
            ),
        },
    ],
    "patterns": [
        {
            "key": "stress",
            "title": "Your answers lean towards the stress pattern",
            "explanation": (
                "Your answers lean towards the stress pattern: you reported pressure, tension, an irregular rhythm "
                "or attacks as pressure lifts more often than the other experiences asked about. This describes what "
                "you reported, not what happens in your body. Small, regular changes to rhythm and rest may help "
                "some people; evidence is limited."
            ),
            "steps": [
                "Take three slow breaths, with a longer out-breath, before each meal.",
                "Keep the same wake-up time every day, weekends included, to soften the let-down.",
                "Build a 10-minute wind-down after busy periods instead of stopping all at once.",
                "Loosen your neck, shoulders and jaw twice a day.",
                "Pace your day: short breaks before you need them, not after.",
            ],
            "tips": [
                "Your stress each evening (0 to 10), to spot drops before attacks.",
                "Sleep hours and quality.",
                "Weekends, holidays and the day after deadlines.",
            ],
        },
        {
            "key": "inflammation",
            "title": "Your answers lean towards the inflammation pattern",
            "explanation": (
                "Your answers lean towards the inflammation pattern: you reported allergies, digestive trouble, other "
                "pain or lingering tiredness more often than the other experiences asked about. This describes what "
                "you reported, not inflammation measured in your body. Everyday habits such as those below may help "
                "some people; evidence is limited."
            ),
            "steps": [
                "Add one colourful plant food to each meal.",
                "Include omega-3 sources, such as oily fish, walnuts or flaxseed, a few times a week.",
                "Drink water steadily through the day.",
                "Move gently every day: a walk counts.",
                "Notice how alcohol and certain foods affect you, without cutting everything out at once.",
            ],
            "tips": [
                "Alcohol, and foods you suspect.",
                "Digestive upsets and other pain.",
                "Days you feel run down or unwell.",
            ],
        },
        {
            "key": "serotonin",
            "title": "Your answers lean towards the serotonin and mood pattern",
            "explanation": (
                "Your answers lean towards the serotonin and mood pattern: you reported low mood, or attacks linked "
                "with hormones, meals or the seasons, more often than the other experiences asked about. This "
                "describes what you reported, not serotonin in your body. Looking after your mood may help some "
                "people; evidence is limited. If your mood has been low for a while, please talk to your doctor; it "
                "can be treated."
            ),
            "steps": [
                "Get outside in daylight within an hour of waking.",
                "Eat at regular times and do not skip breakfast.",
                "Move in a way you enjoy for 20 minutes most days.",
                "Reach out to one person each day, even briefly.",
                "Plan gentler days around the times attacks tend to come, such as your period.",
            ],
            "tips": [
                "Your mood each day, and how it changes around attacks.",
                "Your menstrual cycle, if you have one.",
                "Skipped or late meals.",
            ],
        },
        {
            "key": "mixed",
            "title": "Your answers: mixed, no pattern clearly ahead",
            "explanation": (
                "Your answers do not lean clearly towards one pattern: none is far enough ahead of the others to name "
                "it (a lead of 18 points or more). The scores above show where your answers were highest. The steps "
                "below are general ones that may help some people; evidence is limited."
            ),
            "steps": [
                "Keep a steady rhythm: the same wake-up time and regular meals.",
                "Take short breathing pauses during the day.",
                "Get daylight and gentle movement every day.",
                "Add plants and water to your day, and notice how alcohol affects you.",
            ],
            "tips": [
                "Stress, mood and sleep every day.",
                "Meals, alcohol and your menstrual cycle.",
                "Which days come before your attacks.",
            ],
        },
        {
            "key": "low",
            "title": "Your answers: few experiences in any pattern",
            "explanation": (
                "You reported few of the experiences asked about in any of the three patterns just now. Your journal "
                "can show whether things change over time or around your attacks."
            ),
            "steps": [
                "Keep doing what keeps you steady: regular sleep, meals and movement.",
                "Take the profile again in a few months, or after a hard stretch.",
            ],
            "tips": ["Your attacks and what came before them.", "Sleep, stress and mood."],
        },
    ],
}

PHQ9 = {
    "slug": "phq-9",
    "kind": "screener",
    "order": 1,
    "title": "PHQ-9: mood",
    "summary": "The nine-question screener doctors use for depression, over the last two weeks.",
    "introduction": (
        "The Patient Health Questionnaire (PHQ-9) asks about the last two weeks. It is widely used by doctors to "
        "screen for depression and to follow how mood changes over time. Low mood is common with migraine, and it "
        "can be treated."
    ),
    "what_you_get": "Your total score (0 to 27), the band it falls in, and what it may mean for you.",
    "estimated_minutes": 3,
    "validated": True,
    "attribution": (
        "PHQ-9: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. "
        "J Gen Intern Med 2001;16:606-613. " + PFIZER_NOTE
    ),
    "dimensions": [
        {
            "key": "depression",
            "name": "Depression (PHQ-9)",
            "basis": "raw",
            "description": "The PHQ-9 total adds up the nine answers, from 0 (not at all) to 3 (nearly every day).",
            "bands": [
                {
                    "label": "Minimal",
                    "min": 0,
                    "max": 4,
                    "severity": 0,
                    "advice": (
                        "Few signs of depression just now. Keep caring for your mood as you care for your migraine."
                    ),
                },
                {
                    "label": "Mild",
                    "min": 5,
                    "max": 9,
                    "severity": 1,
                    "advice": "Some signs of low mood. Watch how it goes over the next weeks, and mention it to your "
                    "doctor, especially if it stays or gets worse.",
                },
                {
                    "label": "Moderate",
                    "min": 10,
                    "max": 14,
                    "severity": 2,
                    "advice": "A score in this range is worth talking to your doctor about. Depression alongside "
                    "migraine is common and treatable.",
                },
                {
                    "label": "Moderately severe",
                    "min": 15,
                    "max": 19,
                    "severity": 3,
                    "advice": "Please talk to your doctor soon. Treatment for mood can also help your migraine.",
                },
                {
                    "label": "Severe",
                    "min": 20,
                    "max": 27,
                    "severity": 4,
                    "advice": "Please contact your doctor promptly. You deserve support now, and help works.",
                },
            ],
        }
    ],
    "sections": [
        {
            "title": "Over the last 2 weeks",
            "introduction": "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            "questions": [
                {
                    "code": str(n),
                    "text": text,
                    "kind": "single",
                    "dimension": "depression",
                    "choices": PHQ_FREQUENCY,
                    "crisis": n == 9,
                }
                for n, text in enumerate(
                    [
                        "Little interest or pleasure in doing things",
                        "Feeling down, depressed, or hopeless",
                        "Trouble falling or staying asleep, or sleeping too much",
                        "Feeling tired or having little energy",
                        "Poor appetite or overeating",
                        "Feeling bad about yourself — or that you are a failure or have let yourself or your family "
                        "down",
                        "Trouble concentrating on things, such as reading the newspaper or watching television",
                        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being "
                        "so fidgety or restless that you have been moving around a lot more than usual",
                        "Thoughts that you would be better off dead or of hurting yourself in some way",
                    ],
                    start=1,
                )
            ],
        },
        {
            "title": "How much it affects you",
            "introduction": "",
            "questions": [
                {
                    "code": "10",
                    "text": (
                        "If you checked off any problems, how difficult have these problems made it for you to do "
                        "your work, take care of things at home, or get along with other people?"
                    ),
                    "kind": "single",
                    "required": False,
                    "choices": DIFFICULTY,
                }
            ],
        },
    ],
}

GAD7 = {
    "slug": "gad-7",
    "kind": "screener",
    "order": 2,
    "title": "GAD-7: anxiety",
    "summary": "The seven-question screener doctors use for anxiety, over the last two weeks.",
    "introduction": (
        "The Generalized Anxiety Disorder scale (GAD-7) asks about the last two weeks. Doctors use it to screen for "
        "anxiety and to follow it over time. Anxiety often comes with migraine, and it can be treated."
    ),
    "what_you_get": "Your total score (0 to 21), the band it falls in, and what it may mean for you.",
    "estimated_minutes": 2,
    "validated": True,
    "attribution": (
        "GAD-7: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety "
        "disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097. " + PFIZER_NOTE
    ),
    "dimensions": [
        {
            "key": "anxiety",
            "name": "Anxiety (GAD-7)",
            "basis": "raw",
            "description": "The GAD-7 total adds up the seven answers, from 0 (not at all) to 3 (nearly every day).",
            "bands": [
                {"label": "Minimal", "min": 0, "max": 4, "severity": 0, "advice": "Few signs of anxiety just now."},
                {
                    "label": "Mild",
                    "min": 5,
                    "max": 9,
                    "severity": 1,
                    "advice": "Some signs of anxiety. Calming routines help; mention it to your doctor if it stays.",
                },
                {
                    "label": "Moderate",
                    "min": 10,
                    "max": 14,
                    "severity": 2,
                    "advice": "A score in this range is worth talking to your doctor about. Anxiety is treatable.",
                },
                {
                    "label": "Severe",
                    "min": 15,
                    "max": 21,
                    "severity": 4,
                    "advice": "Please talk to your doctor soon. Support for anxiety can also ease migraine.",
                },
            ],
        }
    ],
    "sections": [
        {
            "title": "Over the last 2 weeks",
            "introduction": "Over the last 2 weeks, how often have you been bothered by the following problems?",
            "questions": [
                {"code": str(n), "text": text, "kind": "single", "dimension": "anxiety", "choices": PHQ_FREQUENCY}
                for n, text in enumerate(
                    [
                        "Feeling nervous, anxious, or on edge",
                        "Not being able to stop or control worrying",
                        "Worrying too much about different things",
                        "Trouble relaxing",
                        "Being so restless that it is hard to sit still",
                        "Becoming easily annoyed or irritable",
                        "Feeling afraid, as if something awful might happen",
                    ],
                    start=1,
                )
            ],
        },
        {
            "title": "How much it affects you",
            "introduction": "",
            "questions": [
                {
                    "code": "8",
                    "text": (
                        "If you checked any problems, how difficult have they made it for you to do your work, take "
                        "care of things at home, or get along with other people?"
                    ),
                    "kind": "single",
                    "required": False,
                    "choices": DIFFICULTY,
                }
            ],
        },
    ],
}

MIDAS = {
    "slug": "midas",
    # Version 2 (issue 10): the published "write zero" instruction, the full citation title.
    "version": 2,
    "kind": "screener",
    "order": 3,
    "title": "MIDAS: migraine disability",
    "summary": "How much migraine has cost you in days over the last three months.",
    "introduction": (
        "The Migraine Disability Assessment (MIDAS) counts the days headaches have taken from your work, home and "
        "social life over the last 3 months. Doctors use it to judge how much migraine affects you and what "
        "treatment may be needed. Your journal can help you count."
    ),
    "what_you_get": "Your MIDAS score, your disability grade (I to IV), and what it may mean.",
    "estimated_minutes": 4,
    "validated": True,
    "attribution": (
        "MIDAS: Stewart WF, Lipton RB, Dowson AJ, Sawyer J. Development and testing of the Migraine Disability "
        "Assessment (MIDAS) Questionnaire to assess headache-related disability. Neurology 2001;56(6 Suppl 1):"
        "S20-S28. © Innovative Medical Research 1997."
    ),
    "dimensions": [
        {
            "key": "disability",
            "name": "Migraine disability (MIDAS)",
            "basis": "raw",
            "description": "The MIDAS score adds up the days in questions 1 to 5. Questions A and B are not scored.",
            "bands": [
                {
                    "label": "Grade I: little or no disability",
                    "min": 0,
                    "max": 5,
                    "severity": 0,
                    "advice": "Migraine costs you few days just now.",
                },
                {
                    "label": "Grade II: mild disability",
                    "min": 6,
                    "max": 10,
                    "severity": 1,
                    "advice": (
                        "Migraine takes some days from you. It is worth reviewing your treatment with your doctor."
                    ),
                },
                {
                    "label": "Grade III: moderate disability",
                    "min": 11,
                    "max": 20,
                    "severity": 2,
                    "advice": "Migraine takes a real toll. Please talk to your doctor about treatment, including "
                    "preventive options.",
                },
                {
                    "label": "Grade IV: severe disability",
                    "min": 21,
                    "max": 450,
                    "severity": 4,
                    "advice": "Migraine takes many days from your life. Please see your doctor; there are treatments "
                    "that can prevent attacks.",
                },
            ],
        }
    ],
    "sections": [
        {
            "title": "Days lost over the last 3 months",
            "introduction": (
                "Please answer the following questions about ALL the headaches you have had over the last 3 months. "
                "Write zero if you did not do the activity in the last 3 months."
            ),
            "questions": [
                {"code": str(n), "text": text, "kind": "number", "min": 0, "max": 90, "dimension": "disability"}
                for n, text in enumerate(
                    [
                        "On how many days in the last 3 months did you miss work or school because of your headaches?",
                        "How many days in the last 3 months was your productivity at work or school reduced by half "
                        "or more because of your headaches? (Do not include days you counted in question 1 where you "
                        "missed work or school.)",
                        "On how many days in the last 3 months did you not do household work because of your "
                        "headaches?",
                        "How many days in the last 3 months was your productivity in household work reduced by half "
                        "or more because of your headaches? (Do not include days you counted in question 3 where you "
                        "did not do household work.)",
                        "On how many days in the last 3 months did you miss family, social or leisure activities "
                        "because of your headaches?",
                    ],
                    start=1,
                )
            ],
        },
        {
            "title": "Your headaches",
            "introduction": "These two questions help your doctor; they are not part of the score.",
            "questions": [
                {
                    "code": "A",
                    "text": (
                        "On how many days in the last 3 months did you have a headache? (If a headache lasted more "
                        "than 1 day, count each day.)"
                    ),
                    "kind": "number",
                    "min": 0,
                    "max": 90,
                },
                {
                    "code": "B",
                    "text": (
                        "On a scale of 0 to 10, on average how painful were these headaches? (0 = no pain at all, "
                        "10 = pain as bad as it can be.)"
                    ),
                    "kind": "scale",
                },
            ],
        },
    ],
}

QUESTIONNAIRES = [MIGRAINE_PROFILE, PHQ9, GAD7, MIDAS]

CRISIS_TEXT = {
    "title": "If you are thinking about harming yourself, please reach out now",
    # The help lines for each country are added below this text from assessment/crisis.py.
    "body": "\n".join(
        [
            "You do not have to face this alone, and you deserve help right now.",
            "Tell someone you trust how you feel.",
        ]
    ),
}
