"""Driving the admin in the browser tests."""


def log_in(browser, live_server, admin_user):
    """A new page of ``browser``, logged in to the admin as ``admin_user``
    (whose password the fixture sets to "password")."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", admin_user.username)
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page
