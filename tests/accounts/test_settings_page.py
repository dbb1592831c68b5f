import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_current_settings(logged_in_client, user):
    user.time_zone = "America/Los_Angeles"
    user.save()
    html = logged_in_client.get("/account/settings/").content.decode()
    assert '<option value="America/Los_Angeles" selected>' in html


def test_it_saves_every_setting(logged_in_client, user):
    response = logged_in_client.post(
        "/account/settings/",
        {
            "time_zone": "Asia/Tokyo",
            "theme": "dim",
            "country": "BE",
            "full_name": "Ana Martin",
            "date_of_birth": "1980-02-29",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.time_zone, user.theme, user.country, user.full_name, user.date_of_birth) == (
        "Asia/Tokyo",
        "dim",
        "BE",
        "Ana Martin",
        dt.date(1980, 2, 29),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("time_zone", "Mars/Olympus_Mons"), ("country", "XX"), ("theme", "neon"), ("date_of_birth", "1899-12-31")],
)
def test_a_bad_value_is_a_form_error_and_saves_nothing(logged_in_client, user, field, value):
    data = {"time_zone": "Asia/Tokyo", "theme": "dark", "country": "FR", field: value}
    response = logged_in_client.post("/account/settings/", data)
    assert response.status_code == 400
    user.refresh_from_db()
    assert (user.time_zone, user.theme, user.country) == ("", "system", "")


def test_a_date_of_birth_in_the_future_is_refused(logged_in_client, user, today):
    tomorrow = today + dt.timedelta(days=1)
    response = logged_in_client.post("/account/settings/", {"theme": "system", "date_of_birth": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "between 1900 and today" in response.content.decode()


@pytest.mark.parametrize(
    ("theme", "bs_theme"), [("system", "light"), ("light", "light"), ("dark", "dark"), ("dim", "dark")]
)
def test_the_chosen_light_is_drawn_from_the_first_paint(logged_in_client, user, theme, bs_theme):
    user.theme = theme
    user.save()
    html = logged_in_client.get("/account/settings/").content.decode()
    assert f'data-bs-theme="{bs_theme}" data-theme-choice="{theme}"' in html
    assert html.index("js/theme.js") < html.index("</head>")


def test_visitors_follow_their_device(client):
    html = client.get("/").content.decode()
    assert 'data-theme-choice="system"' in html
    assert '<meta name="color-scheme" content="light dark">' in html
