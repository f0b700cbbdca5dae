"""The demo organization's people, CVs and question bank."""

from __future__ import annotations

ORGANIZATION = "Demo Company"

# (email, role, first name, last name, job role)
USERS = [
    ("admin@demo.example", "admin", "Anita", "Menon", "Head of People"),
    ("hr@demo.example", "hr", "Rahul", "Nair", "HR Manager"),
    ("priya@demo.example", "interviewer", "Priya", "Varghese", "Tech Lead"),
    ("arjun@demo.example", "interviewer", "Arjun", "Pillai", "Engineering Manager"),
]

JOB_TITLES = ["Software Developer", "Frontend Developer", "QA Engineer"]

PANEL_NAME = "Python Developer Screening"

# (name, email, phone, job title, place, district)
CVS = [
    ("John Doe", "john.doe@example.com", "+91 9876543210", "Software Developer", "Kochi", "Ernakulam"),
    (
        "Jane Smith",
        "jane.smith@example.com",
        "+91 9876543211",
        "Frontend Developer",
        "Thiruvananthapuram",
        "Thiruvananthapuram",
    ),
    ("Meera Krishnan", "meera.k@example.com", "+91 9847012345", "Software Developer", "Kozhikode", "Kozhikode"),
    ("Arun Kumar", "arun.kumar@example.com", "+91 9895123456", "QA Engineer", "Thrissur", "Thrissur"),
    ("Fathima Rahman", "fathima.r@example.com", "+91 9746234567", "Frontend Developer", "Malappuram", "Malappuram"),
    ("Vishnu Prasad", "vishnu.p@example.com", "+91 9567345678", "Software Developer", "Kollam", "Kollam"),
    ("Anjali Das", "anjali.das@example.com", "+91 9446456789", "QA Engineer", "Kannur", "Kannur"),
    ("Sreejith Menon", "sreejith.m@example.com", "+91 9388567890", "Software Developer", "Palakkad", "Palakkad"),
    ("Divya Thomas", "divya.t@example.com", "+91 9020678901", "Frontend Developer", "Kottayam", "Kottayam"),
    ("Nikhil Raj", "nikhil.raj@example.com", "+91 9188789012", "Software Developer", "Alappuzha", "Alappuzha"),
    ("Lakshmi Nair", "lakshmi.n@example.com", "+91 9633890123", "QA Engineer", "Kalpetta", "Wayanad"),
    ("Rohan George", "rohan.g@example.com", "+91 9074901234", "Software Developer", "Thodupuzha", "Idukki"),
]

# category -> topic -> subtopic -> [(difficulty, text, options, correct index)]
QUESTION_BANK: dict[str, dict[str, dict[str, list[tuple[str, str, list[str], int]]]]] = {
    "Python": {
        "Data Structures": {
            "Lists": [
                (
                    "easy",
                    "Which method adds an item to the end of a list?",
                    ["append()", "add()", "push()", "insert_end()"],
                    0,
                ),
                ("easy", "What does len([1, 2, 3]) return?", ["2", "3", "4", "An error"], 1),
                ("medium", "What is the result of [1, 2, 3][::-1]?", ["[1, 2, 3]", "[3, 2, 1]", "[3]", "An error"], 1),
                (
                    "medium",
                    "Which expression copies a list a shallowly?",
                    ["a.copy()", "a.clone()", "copy(a, deep=False)", "a.dup()"],
                    0,
                ),
                (
                    "hard",
                    "What is the average time complexity of `x in some_list`?",
                    ["O(1)", "O(log n)", "O(n)", "O(n log n)"],
                    2,
                ),
                (
                    "hard",
                    "After `a = [[0]] * 3; a[0][0] = 1`, what is a?",
                    ["[[1], [0], [0]]", "[[1], [1], [1]]", "[[0], [0], [0]]", "An error"],
                    1,
                ),
            ],
            "Dictionaries": [
                (
                    "easy",
                    "How do you read key 'k' with a default of 0?",
                    ["d.get('k', 0)", "d['k', 0]", "d.read('k', 0)", "d.default('k')"],
                    0,
                ),
                (
                    "easy",
                    "Which of these can be a dictionary key?",
                    ["A list", "A dict", "A tuple of ints", "A set"],
                    2,
                ),
                (
                    "medium",
                    "Since Python 3.7, dictionaries preserve...",
                    ["Sorted key order", "Insertion order", "No order", "Hash order"],
                    1,
                ),
                (
                    "medium",
                    "What does {**a, **b} do when both have key 'x'?",
                    ["Raises KeyError", "Keeps a's value", "Keeps b's value", "Makes a list"],
                    2,
                ),
                ("hard", "Average time complexity of a dict lookup?", ["O(1)", "O(log n)", "O(n)", "O(n^2)"], 0),
                (
                    "hard",
                    "Which type is best for counting hashable items?",
                    ["collections.Counter", "collections.deque", "heapq", "array.array"],
                    0,
                ),
            ],
        },
        "Language Basics": {
            "Functions": [
                ("easy", "Which keyword defines a function?", ["func", "def", "function", "lambda only"], 1),
                (
                    "easy",
                    "What does a function return without a return statement?",
                    ["0", "False", "None", "An empty string"],
                    2,
                ),
                (
                    "medium",
                    "What does *args collect?",
                    ["Keyword arguments", "Extra positional arguments", "Default values", "Annotations"],
                    1,
                ),
                (
                    "medium",
                    "Why is `def f(x=[])` risky?",
                    [
                        "It is a syntax error",
                        "The default list is shared between calls",
                        "x cannot be changed",
                        "It is slow",
                    ],
                    1,
                ),
                (
                    "hard",
                    "What does functools.lru_cache need of the arguments?",
                    ["They must be hashable", "They must be ints", "They must be keyword-only", "Nothing"],
                    0,
                ),
                (
                    "hard",
                    "Which scope does `nonlocal x` refer to?",
                    ["Global", "Built-in", "The nearest enclosing function", "The class"],
                    2,
                ),
            ],
            "Exceptions": [
                ("easy", "Which block always runs after try?", ["except", "else", "finally", "raise"], 2),
                (
                    "easy",
                    "Which exception does int('abc') raise?",
                    ["TypeError", "ValueError", "KeyError", "IndexError"],
                    1,
                ),
                (
                    "medium",
                    "When does a try statement's else block run?",
                    ["Always", "When an exception was raised", "When no exception was raised", "Never"],
                    2,
                ),
                (
                    "medium",
                    "How do you keep the original cause when re-raising?",
                    ["raise New() from exc", "raise New(exc) again", "raise exc as New", "throw New"],
                    0,
                ),
                (
                    "hard",
                    "What does `except Exception` not catch?",
                    ["ValueError", "KeyboardInterrupt", "KeyError", "OSError"],
                    1,
                ),
                (
                    "hard",
                    "What is an ExceptionGroup handled with?",
                    ["except*", "except all", "catch group", "try*"],
                    0,
                ),
            ],
        },
    },
    "Web": {
        "HTTP": {
            "Methods": [
                ("easy", "Which method usually reads a resource?", ["GET", "POST", "DELETE", "PATCH"], 0),
                ("easy", "Which method usually creates a resource?", ["GET", "POST", "HEAD", "OPTIONS"], 1),
                (
                    "medium",
                    "Which methods are idempotent?",
                    ["POST and PATCH", "GET, PUT and DELETE", "Only GET", "None"],
                    1,
                ),
                (
                    "medium",
                    "What does PATCH usually mean?",
                    ["Replace the whole resource", "Partially update it", "Delete it", "Read its headers"],
                    1,
                ),
                ("hard", "Which method does a CORS preflight use?", ["HEAD", "OPTIONS", "TRACE", "CONNECT"], 1),
                (
                    "hard",
                    "Which header makes a retried POST safe to repeat?",
                    ["Idempotency-Key", "If-None-Match", "Retry-After", "Cache-Control"],
                    0,
                ),
            ],
            "Status codes": [
                ("easy", "What does 404 mean?", ["Server error", "Not found", "Unauthorized", "Created"], 1),
                ("easy", "Which code answers a successful creation?", ["200", "201", "204", "302"], 1),
                (
                    "medium",
                    "What is the difference between 401 and 403?",
                    [
                        "None",
                        "401: not authenticated; 403: not allowed",
                        "401: not allowed; 403: not authenticated",
                        "403 is for servers",
                    ],
                    1,
                ),
                ("medium", "Which code says 'slow down'?", ["418", "429", "503", "409"], 1),
                ("hard", "Which code answers a Range request with part of a file?", ["200", "204", "206", "416"], 2),
                (
                    "hard",
                    "Which code fits a resource that existed but is gone for good?",
                    ["404", "410", "451", "409"],
                    1,
                ),
            ],
        },
        "Frontend": {
            "HTML": [
                ("easy", "Which element makes a link?", ["<link>", "<a>", "<href>", "<url>"], 1),
                ("easy", "Which attribute gives an image its text alternative?", ["title", "alt", "label", "name"], 1),
                (
                    "medium",
                    "Which element labels a form control for screen readers?",
                    ["<span>", "<label>", "<legend> only", "<caption>"],
                    1,
                ),
                (
                    "medium",
                    "What does the defer attribute on a script do?",
                    [
                        "Runs it before parsing",
                        "Runs it after parsing, in order",
                        "Never runs it",
                        "Runs it in a worker",
                    ],
                    1,
                ),
                (
                    "hard",
                    "Which element groups related form controls with a caption?",
                    ["<fieldset>", "<section>", "<group>", "<div>"],
                    0,
                ),
                (
                    "hard",
                    'What does rel="noopener" prevent?',
                    ["Prefetching", "The new page reaching window.opener", "Cookies", "Caching"],
                    1,
                ),
            ],
            "CSS": [
                ("easy", "Which property sets text colour?", ["font-color", "color", "text-color", "foreground"], 1),
                ("easy", "Which unit is relative to the root font size?", ["em", "rem", "px", "vh"], 1),
                (
                    "medium",
                    "Which display value lays out children in a row or column?",
                    ["block", "flex", "inline", "table"],
                    1,
                ),
                ("medium", "Which selector has the highest specificity?", ["#id", ".class", "div", "*"], 0),
                (
                    "hard",
                    "What does `position: sticky` need to work?",
                    ["A z-index", "A threshold such as top", "display: grid", "A fixed parent"],
                    1,
                ),
                (
                    "hard",
                    "Which property creates a new stacking context?",
                    ["color", "opacity below 1", "margin", "font-size"],
                    1,
                ),
            ],
        },
    },
}

# The scored demo interview's evaluation (ratings 0-10).
DEMO_EVALUATION = {
    "appearance": 8,
    "knowledge": 7,
    "confidence": 8,
    "attitude": 7,
    "communication": 9,
    "remark": "Clear answers; a little nervous at the start.",
}
